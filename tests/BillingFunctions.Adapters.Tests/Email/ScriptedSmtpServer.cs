using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BillingFunctions.Adapters.Tests.Email;

/// <summary>
/// A minimal SMTP responder on loopback that refuses every RCPT TO with a fixed reply, for the refusal paths maildev
/// cannot produce (it accepts everything). Counts the sessions that reached RCPT TO.
/// </summary>
internal sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _refusal;
    private readonly Task _accepting;
    private int _refusals;

    public RefusingSmtpServer(string refusal)
    {
        _refusal = refusal;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Refusals => Volatile.Read(ref _refusals);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 refusing.test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', ':')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-refusing.test greets you");
                    await writer.WriteLineAsync("250-SIZE 1000000");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "RCPT":
                    Interlocked.Increment(ref _refusals);
                    await writer.WriteLineAsync(_refusal);
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
