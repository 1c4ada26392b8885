using System.Text.RegularExpressions;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// How much of a client's input an error may echo: an id, path or property name is cut to
/// <see cref="MaxValueChars"/> characters with an ellipsis, and a whole detail to <see cref="MaxDetailChars"/>,
/// so a 4,000-character id does not come back in a 404 (nor fill a log line).
/// </summary>
public static partial class EchoBounds
{
    public const int MaxValueChars = 128;
    public const int MaxDetailChars = 512;
    private const string Ellipsis = "…";

    /// <summary>One echoed value (an id, a path, a member name).</summary>
    public static string Value(string value, int maxChars = MaxValueChars) => Cut(value, maxChars);

    /// <summary>
    /// A message that quotes client values as <c>'value'</c> (the convention of every problem detail):
    /// each quoted value is bounded, then the whole message.
    /// </summary>
    public static string Message(string message) =>
        Cut(QuotedValue().Replace(message, match => $"'{Value(match.Groups[1].Value)}'"), MaxDetailChars);

    private static string Cut(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }
        var keep = max - Ellipsis.Length;
        // Never split a surrogate pair: half an emoji is invalid UTF-16 in the JSON answer.
        if (char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }
        return string.Concat(value.AsSpan(0, keep), Ellipsis);
    }

    // Quoted runs longer than MaxValueChars (129 = MaxValueChars + 1).
    [GeneratedRegex("'([^']{129,})'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedValue();
}
