using System.Text;

namespace CharacterFunctions.Roleplay.Speech;

/// <summary>
/// Finds action spans in a reply. Seed 001/004: the model marks actions with parentheses, "(waves at you)",
/// and once parentheses are banned it switches to asterisks, "*leans over your desk*"; so <c>(...)</c>,
/// full-width <c>（...）</c> and <c>*...*</c> are actions.
/// </summary>
/// <remarks>
/// Parentheses nest and either closing form ends either opening form (the model mixes widths). A run of
/// asterisks is one delimiter, so Markdown-style <c>**smiles**</c> is one action. A span still open at the
/// end runs to the end: a reply cut off on <c>length</c> often stops inside an action, and a voice must
/// not read half an action aloud. Pure and allocation-light; no regular expressions.
/// </remarks>
public static class ActionSpans
{
    public static ReplySpeech Split(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var speech = new StringBuilder(reply.Length);
        var action = new StringBuilder();
        var actions = new List<string>();
        var depth = 0;
        var inStars = false;

        for (var i = 0; i < reply.Length; i++)
        {
            var c = reply[i];
            if (!inStars && IsOpen(c))
            {
                if (depth > 0)
                {
                    action.Append(c);
                }
                depth++;
                // A span glued to the words around it still separates them once removed.
                speech.Append(' ');
            }
            else if (depth > 0 && IsClose(c))
            {
                depth--;
                if (depth == 0)
                {
                    Flush(action, actions);
                }
                else
                {
                    action.Append(c);
                }
            }
            else if (depth == 0 && c == '*')
            {
                while (i + 1 < reply.Length && reply[i + 1] == '*')
                {
                    i++;
                }
                if (inStars)
                {
                    Flush(action, actions);
                }
                inStars = !inStars;
                speech.Append(' ');
            }
            else if (depth > 0 || inStars)
            {
                action.Append(c);
            }
            else
            {
                speech.Append(c);
            }
        }
        Flush(action, actions);
        return new ReplySpeech(Tidy(speech.ToString()), actions);
    }

    private static bool IsOpen(char c) => c is '(' or '（';

    private static bool IsClose(char c) => c is ')' or '）';

    private static void Flush(StringBuilder action, List<string> actions)
    {
        var inner = CollapseWhitespace(action.ToString()).Trim();
        if (inner.Length > 0)
        {
            actions.Add(inner);
        }
        action.Clear();
    }

    /// <summary>
    /// Whitespace runs become one space (or one line break if they held one). Removing a span leaves a space
    /// where none belongs, so a space is also dropped before punctuation, inside quotes ("Hi *waves*" must read
    /// "Hi", not "Hi "), and between two CJK characters (Chinese and Japanese do not space words).
    /// </summary>
    private static string Tidy(string text)
    {
        var collapsed = CollapseWhitespace(text);
        var result = new StringBuilder(collapsed.Length);
        var openStraightQuote = false;
        for (var i = 0; i < collapsed.Length; i++)
        {
            var c = collapsed[i];
            if (c == ' ' && (result.Length == 0 || result[^1] == '\n' || i + 1 == collapsed.Length
                || IsClosingPunctuation(collapsed[i + 1])
                || IsClosingQuote(collapsed[i + 1], openStraightQuote)
                || IsOpeningQuote(result[^1], afterIt: openStraightQuote)
                || (IsCjk(result[^1]) && IsCjk(collapsed[i + 1]))))
            {
                continue;
            }
            if (c == '\n' && result.Length > 0 && result[^1] == ' ')
            {
                result.Length--;
            }
            if (c == '"')
            {
                openStraightQuote = !openStraightQuote;
            }
            result.Append(c);
        }
        return result.ToString().Trim();
    }

    /// <summary>A straight quote closes when one is open; curly and corner quotes say which they are.</summary>
    private static bool IsClosingQuote(char c, bool straightQuoteOpen) =>
        c is '”' or '」' or '』' || (c == '"' && straightQuoteOpen);

    /// <summary>True for an opening quote already written: after a straight quote, "open" means it opened one.</summary>
    private static bool IsOpeningQuote(char c, bool afterIt) =>
        c is '“' or '「' or '『' || (c == '"' && afterIt);

    /// <summary>CJK ideographs, kana, CJK punctuation and full-width forms.</summary>
    private static bool IsCjk(char c) =>
        c is >= '\u3000' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uFF00' and <= '\uFFEF';

    private static string CollapseWhitespace(string text)
    {
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                result.Append(text[i++]);
                continue;
            }
            var newline = false;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                newline |= text[i] is '\n' or '\r';
                i++;
            }
            result.Append(newline ? '\n' : ' ');
        }
        return result.ToString();
    }

    private static bool IsClosingPunctuation(char c) => c is '.' or ',' or '!' or '?' or ';' or ':' or '…' or '。' or '，' or '！' or '？' or '；' or '：' or '、';
}
