using OpenProducer.Client.Core;

namespace OpenProducer.Server.Cli.Client;

/// <summary>What a <c>producer</c> command's exit code says.</summary>
public static class ClientExitCodes
{
    public const int Ok = 0;

    /// <summary>A local failure (a file that could not be written), or an operator command that found nothing to act on.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: a flag, a value, a missing argument, a file it names.</summary>
    public const int Usage = 2;

    /// <summary>The server refused the token: none, unknown or revoked, expired, or its application disabled.</summary>
    public const int TokenRefused = 3;

    /// <summary>The balance does not cover the price.</summary>
    public const int InsufficientBalance = 4;

    /// <summary>The server failed, or the song (or file) failed while it was made; a failed task is refunded.</summary>
    public const int ServerFailed = 5;

    /// <summary>The server could not be reached (not running, wrong address, timed out).</summary>
    public const int Unreachable = 6;

    /// <summary>The server refused the request: a field it names, a song that is not the caller's, too many requests.</summary>
    public const int Refused = 7;

    /// <summary>The table as <c>--help</c> and the README show it.</summary>
    public const string Table = """
        Exit codes:
          0  done
          1  a local failure (a file could not be written); an operator command found nothing to act on
          2  usage: a bad flag or value, a missing argument, an unreadable file
          3  the token was refused (no_token, invalid_token, token_expired, disabled)
          4  the balance does not cover the price (used_up)
          5  the server failed, or the song failed while it was made (api_error; refunded)
          6  the server could not be reached
          7  the server refused the request (bad_request, not_found, too_many_requests…)
        """;

    /// <summary>The table in one line, for each verb's help.</summary>
    public const string Short = "Exit codes: 0 done, 1 local failure, 2 usage, 3 token refused, 4 balance too low, 5 server or song failed, "
        + "6 server unreachable, 7 request refused (producer --help explains).";

    /// <summary>The exit code for an error the server answered with.</summary>
    public static int For(ProducerException e)
    {
        var code = e.Code;
        if (code == ProducerErrorCode.NoToken || code == ProducerErrorCode.InvalidToken || code == ProducerErrorCode.TokenExpired
            || code == ProducerErrorCode.Disabled || e.Status == 401) return TokenRefused;
        if (code == ProducerErrorCode.UsedUp) return InsufficientBalance;
        if (code == ProducerErrorCode.ApiError || e.Status >= 500 || e.Status == 0) return ServerFailed;
        return Refused;
    }
}
