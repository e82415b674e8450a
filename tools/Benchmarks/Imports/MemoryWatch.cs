using System.Diagnostics;

namespace Benchmarks.Imports;

/// <summary>
/// What one phase of the run costs in memory: bytes the process allocated, the managed heap's peak, and the process's
/// peak resident set (Linux: VmHWM, reset at the start of the phase by writing 5 to /proc/self/clear_refs; elsewhere the
/// peak since the process started). The heap is sampled every 10 ms as it is, garbage included, so its peak is mostly
/// the collector's budget; with <c>live</c>, every 100 ms after a full collection, so its peak is what was reachable
/// (what holding the file whole would raise), at the cost of those collections' time.
/// </summary>
internal sealed class MemoryWatch : IAsyncDisposable
{
    private readonly long _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    private readonly long _heapBefore;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _heapPeak;

    private readonly bool _live;

    private MemoryWatch(long heapBefore, bool live)
    {
        (_heapBefore, _heapPeak, _live) = (heapBefore, heapBefore, live);
        _sampling = SampleAsync();
    }

    public static MemoryWatch Start(bool live)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ResetPeakResidentSet();
        return new MemoryWatch(GC.GetTotalMemory(forceFullCollection: false), live);
    }

    public sealed record Figures(long AllocatedBytes, long HeapBeforeBytes, long HeapPeakBytes, long? PeakResidentBytes);

    public async Task<Figures> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        return new(GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore, _heapBefore, Interlocked.Read(ref _heapPeak), PeakResidentSet());
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_live ? 100 : 10));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var heap = GC.GetTotalMemory(forceFullCollection: _live);
                if (heap > Interlocked.Read(ref _heapPeak)) Interlocked.Exchange(ref _heapPeak, heap);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void ResetPeakResidentSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak is then the process's since it started.
        }
    }

    private static long? PeakResidentSet()
    {
        if (!File.Exists("/proc/self/status")) return Process.GetCurrentProcess().PeakWorkingSet64;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        // "VmHWM:    123456 kB"
        return line is null ? null
            : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
