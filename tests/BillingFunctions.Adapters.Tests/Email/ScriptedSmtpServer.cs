using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BillingFunctions.Adapters.Tests.Email;

/// <summary>
/// A minimal SMTP responder on loopback that answers every RCPT TO with a fixed reply and announces SIZE, for what
/// maildev cannot do: refuse (it accepts everything) and announce SIZE, as real relays do. Counts the sessions that
/// reached RCPT TO and the messages it accepted.
/// </summary>
internal sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _recipientReply;
    private readonly Task _accepting;
    private int _recipientCommands;
    private int _accepted;

    public ScriptedSmtpServer(string recipientReply)
    {
        _recipientReply = recipientReply;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int RecipientCommands => Volatile.Read(ref _recipientCommands);

    public int MessagesAccepted => Volatile.Read(ref _accepted);

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
                    Interlocked.Increment(ref _recipientCommands);
                    await writer.WriteLineAsync(_recipientReply);
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    string? data;
                    while ((data = await reader.ReadLineAsync()) is not null and not ".")
                    {
                    }
                    // A client that hangs up before the final dot has sent nothing.
                    if (data is null) return;
                    Interlocked.Increment(ref _accepted);
                    await writer.WriteLineAsync("250 queued");
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
