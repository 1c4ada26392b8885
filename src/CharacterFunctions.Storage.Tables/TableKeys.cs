using System.Globalization;
using System.Text;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// Row and partition keys. A session's partition of the <c>Sessions</c> table holds, in key order, its
/// held-events sentinel ("e") and held-event marks ("e:" + event id), its head ("head"), its messages
/// ("m" + seq) and its operations' idempotency records ("o" + operation id), so a message range ("m" up to
/// "n") never meets a mark or a record, the head and the marks are one query, and marks and records can ride
/// in a commit's transaction.
/// Client-chosen ids (turn ids, event ids) may contain characters that Table
/// keys forbid ('/', '\', '#', '?', control characters), so those are percent-escaped (with '%'
/// itself escaped, keeping the mapping one-to-one).
/// </summary>
internal static class TableKeys
{
    public const string HeadRowKey = "head";

    /// <summary>
    /// The held-events sentinel, written with every new session (<c>HeldEvents = false</c>): where it is, the
    /// mark rows are all the held events there are; a session without it, or with the older <c>true</c>, may
    /// hold events nobody marked.
    /// </summary>
    public const string HeldEventsRowKey = "e";

    /// <summary>A game event held for the session and not yet written to its transcript (apart from the head, so marking never races a commit).</summary>
    public static string HeldEventMarkRowKey(string eventId) => HeldEventMarkKeysStart + Escape(eventId);

    /// <summary>Mark keys start so: after the sentinel, before the head, and nothing else lies in ["e", "head"].</summary>
    public const string HeldEventMarkKeysStart = "e:";

    /// <summary>The event id of a <see cref="HeldEventMarkRowKey"/>.</summary>
    public static string HeldEventId(string rowKey) => Unescape(rowKey[HeldEventMarkKeysStart.Length..]);

    /// <summary>Fixed-width so that lexical row-key order is seq order and a seq range is one key range.</summary>
    public static string MessageRowKey(long seq) => "m" + Math.Max(0, seq).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Message keys lie in ["m", "n"): below this bound, above every message key.</summary>
    public const string MessageKeysEnd = "n";

    /// <summary>An operation's idempotency record (turn id, "event:" + event id); sorts after every message key.</summary>
    public static string OperationRowKey(string operationId) => "o" + Escape(operationId);

    /// <summary>Operation keys lie in ["o", "p").</summary>
    public const string OperationKeysStart = "o";
    public const string OperationKeysEnd = "p";

    /// <summary>The operation id of an <see cref="OperationRowKey"/>.</summary>
    public static string OperationId(string rowKey) => Unescape(rowKey[OperationKeysStart.Length..]);

    /// <summary>The inverse of <see cref="Escape"/>.</summary>
    public static string Unescape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }
        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length)
            {
                builder.Append((char)int.Parse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }
        return builder.ToString();
    }

    public static string Escape(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!id.Any(NeedsEscape))
        {
            return id;
        }

        var builder = new StringBuilder(id.Length + 8);
        foreach (var c in id)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c);
}
