using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Generation;

/// <summary>Who speaks next in a session, and whether the rotation pointer moves.</summary>
public static class SpeakerSelection
{
    public sealed record Choice(CharacterProfile Speaker, int NextSpeakerIndex);

    /// <summary>For a player turn: respondAs, else the character named earliest in the text, else rotation.</summary>
    public static Choice ForTurn(SessionRecord session, IReadOnlyDictionary<string, CharacterProfile> characters, string? respondAs, string text)
    {
        if (session.CharacterIds.Count == 1)
        {
            return new(characters[session.CharacterIds[0]], session.NextSpeakerIndex);
        }
        if (respondAs is not null)
        {
            return new(characters[respondAs], session.NextSpeakerIndex);
        }
        return NamedIn(session, characters, text) is { } named
            ? new(named, session.NextSpeakerIndex)
            : Rotation(session, characters);
    }

    /// <summary>For a nudge or reaction: the character who spoke last (or is named in the text), else rotation.</summary>
    public static Choice ForContinuation(SessionRecord session, IReadOnlyDictionary<string, CharacterProfile> characters, string? lastSpeakerId, string? text = null)
    {
        if (session.CharacterIds.Count == 1)
        {
            return new(characters[session.CharacterIds[0]], session.NextSpeakerIndex);
        }
        if (text is not null && NamedIn(session, characters, text) is { } named)
        {
            return new(named, session.NextSpeakerIndex);
        }
        if (lastSpeakerId is not null && characters.TryGetValue(lastSpeakerId, out var last))
        {
            return new(last, session.NextSpeakerIndex);
        }
        return Rotation(session, characters);
    }

    private static CharacterProfile? NamedIn(SessionRecord session, IReadOnlyDictionary<string, CharacterProfile> characters, string text)
    {
        CharacterProfile? best = null;
        var bestAt = int.MaxValue;
        foreach (var id in session.CharacterIds)
        {
            var character = characters[id];
            var at = text.IndexOf(character.Name, StringComparison.OrdinalIgnoreCase);
            // Earliest mention wins; at the same position the longer name ("Ling Lu" over "Ling").
            if (at >= 0 && (at < bestAt || (at == bestAt && character.Name.Length > best!.Name.Length)))
            {
                best = character;
                bestAt = at;
            }
        }
        return best;
    }

    private static Choice Rotation(SessionRecord session, IReadOnlyDictionary<string, CharacterProfile> characters)
    {
        var count = session.CharacterIds.Count;
        var index = ((session.NextSpeakerIndex % count) + count) % count;
        return new(characters[session.CharacterIds[index]], (index + 1) % count);
    }
}
