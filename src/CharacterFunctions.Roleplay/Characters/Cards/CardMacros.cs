using System.Text.RegularExpressions;
using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Characters.Cards;

/// <summary>
/// The card macros <c>{{char}}</c> and <c>{{user}}</c> (case-insensitive, as card editors write them).
/// Characters keep them verbatim; they are resolved where text reaches the model or a session
/// (system message, lorebook entries, post-history instructions, opening line), so a renamed character
/// or another player name never needs the stored text rewritten.
/// </summary>
public static partial class CardMacros
{
    [GeneratedRegex(@"\{\{\s*(char|user)\s*\}\}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Macro();

    public static string Resolve(string text, string characterName, string userName) =>
        text.Contains("{{", StringComparison.Ordinal)
            ? Macro().Replace(text, m => m.Groups[1].Value.Equals("char", StringComparison.OrdinalIgnoreCase) ? characterName : userName)
            : text;

    /// <summary>
    /// Who <c>{{user}}</c> is in a session: the player's name, or every player's name in a group.
    /// Fixed for the session, so the system message (the head of every cached prefix) never changes.
    /// </summary>
    public static string UserName(IReadOnlyList<Player> players) =>
        players.Count == 0 ? "User" : string.Join(", ", players.Select(p => p.Name));
}
