using System.Text.RegularExpressions;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.SessionLifecycle;

/// <summary>
/// Which long-term memory a session uses. Seeds 002/004 bind memory to the <c>x-dashscope-aca-session</c> header
/// and keep it 365 days, so a key that names the character and the player (not the session) lets memory
/// reach the player's next session.
/// </summary>
public static partial class MemoryKeyRules
{
    public const int MaxLength = 128;

    [GeneratedRegex(@"\A[A-Za-z0-9_.:-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    /// <summary>The default key of a one-to-one session.</summary>
    public static string Default(string characterId, string playerId) => $"{characterId}:{playerId}";

    /// <summary>
    /// The given key, else the one-to-one default. A group session has no natural owner of the memory, so a
    /// group whose characters use long-term memory must name a key (or use characters without memory).
    /// </summary>
    public static string? Choose(string? requested, IReadOnlyList<CharacterProfile> characters, IReadOnlyList<Player> players, ValidationErrors errors)
    {
        if (requested is not null)
        {
            if (!KeyPattern().IsMatch(requested))
            {
                errors.Add("memoryKey", $"1 to {MaxLength} characters: letters, digits, '_', '.', ':' or '-'.");
                return null;
            }
            return requested;
        }
        if (characters.Count == 1 && players.Count == 1)
        {
            return Default(characters[0].Id, players[0].PlayerId);
        }
        if (characters.Any(c => c.Memory.LongTerm))
        {
            errors.Add("memoryKey", "A group session whose characters use long-term memory must name a memoryKey.");
        }
        return null;
    }
}
