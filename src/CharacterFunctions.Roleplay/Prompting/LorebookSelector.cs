using CharacterFunctions.Roleplay.Characters;

namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>
/// Which lorebook entries go into one model call: enabled entries with content that are constant or
/// whose keys appear in the scanned texts (case-insensitive, whole words), taken in insertion order
/// while their estimated tokens fit the budget; an entry that does not fit is skipped and later,
/// smaller ones may still fit.
/// </summary>
public static class LorebookSelector
{
    /// <param name="estimate">Estimated tokens of an entry's (macro-resolved) content.</param>
    public static IReadOnlyList<LorebookEntry> Select(Lorebook? book, IReadOnlyList<string> scanned, Func<LorebookEntry, int> estimate)
    {
        if (book is null || book.Entries.Count == 0)
        {
            return [];
        }
        var budget = book.TokenBudget ?? LorebookRules.DefaultTokenBudget;
        var selected = new List<LorebookEntry>();
        var used = 0;
        // OrderBy is stable: equal insertion orders keep the book's order.
        foreach (var entry in book.Entries.OrderBy(e => e.InsertionOrder))
        {
            if (!entry.Enabled || string.IsNullOrWhiteSpace(entry.Content))
            {
                continue;
            }
            if (!entry.Constant && !entry.Keys.Any(key => scanned.Any(text => ContainsWord(text, key))))
            {
                continue;
            }
            var tokens = estimate(entry);
            if (used + tokens > budget)
            {
                continue;
            }
            used += tokens;
            selected.Add(entry);
        }
        return selected;
    }

    /// <summary>
    /// True when <paramref name="key"/> occurs in <paramref name="text"/> ignoring case and not inside a
    /// longer word ("dragon" matches "Dragon!" but not "dragons"). Chinese, Japanese and Korean are
    /// written without spaces, so next to such characters any position is a word boundary.
    /// </summary>
    public static bool ContainsWord(string text, string key)
    {
        if (key.Length == 0)
        {
            return false;
        }
        for (var at = text.IndexOf(key, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = at + 1 < text.Length ? text.IndexOf(key, at + 1, StringComparison.OrdinalIgnoreCase) : -1)
        {
            var end = at + key.Length;
            var startsClean = at == 0 || !JoinsWord(text[at - 1], key[0]);
            var endsClean = end == text.Length || !JoinsWord(key[^1], text[end]);
            if (startsClean && endsClean)
            {
                return true;
            }
        }
        return false;
    }

    // Two adjacent characters belong to one word when both are word characters of a spaced script.
    private static bool JoinsWord(char left, char right) => IsSpacedWordChar(left) && IsSpacedWordChar(right);

    private static bool IsSpacedWordChar(char c) => (char.IsLetterOrDigit(c) || c == '_') && !IsUnspacedScript(c);

    private static bool IsUnspacedScript(char c) =>
        c is (>= '\u3040' and <= '\u30FF')   // Hiragana, Katakana
            or (>= '\u3400' and <= '\u9FFF') // CJK ideographs
            or (>= '\uAC00' and <= '\uD7AF') // Hangul syllables
            or (>= '\uF900' and <= '\uFAFF') // CJK compatibility ideographs
            or (>= '\uFF66' and <= '\uFF9F'); // Halfwidth Katakana
}
