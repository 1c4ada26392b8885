using System.Text.RegularExpressions;

namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>
/// What a session id may look like wherever one arrives from outside (queue message, route). Ids made here
/// are 32 hex digits; the rule is wider but keeps ids usable as Table keys and Durable entity keys, so a
/// malformed one (e.g. 1 KiB, or with '/') is rejected as invalid instead of failing the store read.
/// </summary>
public static partial class SessionIds
{
    public const int MaxLength = 64;

    public const string Rule = "1 to 64 of A-Z a-z 0-9 _ -";

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex Pattern();

    public static bool IsWellFormed(string? sessionId) => sessionId is not null && Pattern().IsMatch(sessionId);
}
