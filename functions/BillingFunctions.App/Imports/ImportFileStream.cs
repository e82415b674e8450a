using Azure;
using Azure.Data.Tables;

namespace BillingFunctions.App.Imports;

/// <summary>A stored import file as a stream: its parts' bytes in order, each part read when the reader gets to it.</summary>
internal sealed class ImportFileStream(AsyncPageable<TableEntity> parts) : Stream
{
    private IAsyncEnumerator<TableEntity>? _parts;
    private ReadOnlyMemory<byte> _current = ReadOnlyMemory<byte>.Empty;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty)
        {
            _parts ??= parts.GetAsyncEnumerator(cancellationToken);
            if (!await _parts.MoveNextAsync()) return 0;
            _current = _parts.Current.GetBinary("Data") ?? [];
        }
        var length = Math.Min(buffer.Length, _current.Length);
        _current[..length].CopyTo(buffer);
        _current = _current[length..];
        return length;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Only asynchronous reads: a queue function never blocks a thread on storage.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the import file asynchronously.");

    public override async ValueTask DisposeAsync()
    {
        if (_parts is not null) await _parts.DisposeAsync();
        await base.DisposeAsync();
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
