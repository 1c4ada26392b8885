using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// The documented URL and header limits, checked in the app so a violation is a problem+json like any
/// other error. The server underneath (Kestrel locally) is configured with higher hard ceilings
/// (<see cref="ServerRequestLineBytes"/>, <see cref="ServerHeaderBytes"/>): only beyond those does it
/// answer itself, with an empty body, because a server-level rejection cannot be shaped.
/// </summary>
public static class RequestLimits
{
    /// <summary>Path plus query, in characters: 414 beyond.</summary>
    public const int MaxUrlChars = 8 * 1024;

    /// <summary>All header names and values together, in characters: 431 beyond.</summary>
    public const int MaxHeaderChars = 32 * 1024;

    /// <summary>Number of header fields: 431 beyond.</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>The local host's Kestrel ceilings: twice the documented limits, so those are reached first.</summary>
    public const int ServerRequestLineBytes = 2 * MaxUrlChars;
    public const int ServerHeaderBytes = 2 * MaxHeaderChars;
    public const int ServerHeaderCount = 2 * MaxHeaderCount;

    /// <summary>The problem for a request over a limit or with a NUL in its path; null when it is acceptable.</summary>
    public static ProblemBody? Violation(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        var query = request.QueryString.Value ?? "";
        if (path.Length + query.Length > MaxUrlChars)
        {
            return Problems.ForStatus(StatusCodes.Status414UriTooLong,
                $"The URL (path and query) is limited to {MaxUrlChars} characters.");
        }

        var headerChars = 0;
        foreach (var (name, values) in request.Headers)
        {
            headerChars += name.Length;
            foreach (var value in values)
            {
                headerChars += value?.Length ?? 0;
            }
        }
        if (request.Headers.Count > MaxHeaderCount || headerChars > MaxHeaderChars)
        {
            return Problems.ForStatus(StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"Request headers are limited to {MaxHeaderCount} fields and {MaxHeaderChars} characters in total.");
        }

        // A decoded NUL (%00) in an id would be stored and echoed; no id may contain control characters.
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return Problems.ForStatus(StatusCodes.Status400BadRequest, "The URL path contains a NUL character (%00).");
        }
        return null;
    }
}
