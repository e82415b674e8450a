namespace BillingFunctions.Adapters.Email.Smtp;

/// <summary>The SMTP server refused a command. 4xx replies are transient (try again later), 5xx are permanent.</summary>
public class SmtpCommandException : Exception
{
    /// <summary>Creates the exception for a refused command.</summary>
    public SmtpCommandException(string command, int replyCode, string replyText)
        : base($"SMTP server answered {replyCode} to {command}: {replyText}")
    {
        Command = command;
        ReplyCode = replyCode;
        ReplyText = replyText;
    }

    /// <summary>The command verb that was refused (never its arguments, which can hold credentials).</summary>
    public string Command { get; }

    /// <summary>The three-digit reply code.</summary>
    public int ReplyCode { get; }

    /// <summary>The server's text.</summary>
    public string ReplyText { get; }

    /// <summary>True for 4xx replies: the same message may go through later.</summary>
    public bool IsTransient => ReplyCode is >= 400 and < 500;
}
