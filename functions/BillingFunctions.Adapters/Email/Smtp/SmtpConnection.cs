using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace BillingFunctions.Adapters.Email.Smtp;

/// <summary>One SMTP session: commands out, (multi-line) replies in, and the switch to TLS.</summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private Stream _stream;
    private readonly byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    private SmtpConnection(TcpClient tcp, Stream stream) => (_tcp, _stream) = (tcp, stream);

    public bool IsEncrypted => _stream is SslStream;

    public static async Task<SmtpConnection> OpenAsync(SmtpEmailSenderOptions options, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
            var connection = new SmtpConnection(tcp, tcp.GetStream());
            if (options.Security == SmtpSecurity.ImplicitTls)
                await connection.StartTlsAsync(options, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public async Task StartTlsAsync(SmtpEmailSenderOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false, options.CertificateValidation);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, cancellationToken).ConfigureAwait(false);
        _stream = ssl;
        _start = _end = 0;
    }

    /// <summary>Sends one command line and reads the reply; throws unless the code is one of <paramref name="expected"/>.</summary>
    public async Task<SmtpReply> CommandAsync(string line, string verb, CancellationToken cancellationToken, params int[] expected)
    {
        await WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken).ConfigureAwait(false);
        return await ExpectAsync(verb, cancellationToken, expected).ConfigureAwait(false);
    }

    public async Task<SmtpReply> ExpectAsync(string verb, CancellationToken cancellationToken, params int[] expected)
    {
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        return expected.Contains(reply.Code) ? reply : throw new SmtpCommandException(verb, reply.Code, reply.Text);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code))
                throw new IOException($"Malformed SMTP reply line: '{line}'");
            lines.Add(line.Length > 4 ? line[4..] : "");
            // "250-..." continues a multi-line reply; "250 ..." (or a bare "250") ends it.
            if (line.Length == 3 || line[3] == ' ')
                return new SmtpReply(code, lines);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0) throw new IOException("The SMTP server closed the connection.");
            }
            var b = _buffer[_start++];
            if (b == '\n')
                return Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
            if (line.Count > 4096) throw new IOException("SMTP reply line too long.");
            line.Add(b);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
    }
}

/// <summary>A reply: its code and each line's text.</summary>
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public string Text => string.Join(" | ", Lines);

    /// <summary>EHLO keywords such as "STARTTLS" or "AUTH PLAIN LOGIN" (the first line is the greeting).</summary>
    public bool Offers(string keyword, string? parameter = null) => Lines.Skip(1).Any(l =>
    {
        var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts[0].Equals(keyword, StringComparison.OrdinalIgnoreCase)
            && (parameter is null || parts.Skip(1).Contains(parameter, StringComparer.OrdinalIgnoreCase));
    });
}
