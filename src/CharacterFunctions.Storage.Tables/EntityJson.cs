using Azure.Data.Tables;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// JSON documents stored in string properties. A Table string property holds at most 64 KiB
/// (32K UTF-16 chars), so long documents are split across Json0..JsonN.
/// </summary>
internal static class EntityJson
{
    public const int ChunkChars = 30_000;
    private const string Prefix = "Json";
    private const string PartsProperty = "JsonParts";

    public static void Write(TableEntity entity, string json)
    {
        var parts = 0;
        var start = 0;
        do
        {
            var length = Math.Min(ChunkChars, json.Length - start);
            // Never split a surrogate pair: each chunk must be a valid UTF-16 string on the wire.
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            entity[Prefix + parts] = json.Substring(start, length);
            parts++;
            start += length;
        }
        while (start < json.Length);

        entity[PartsProperty] = parts;
    }

    public static string Read(TableEntity entity)
    {
        var parts = entity.GetInt32(PartsProperty) ?? 1;
        return parts == 1
            ? entity.GetString(Prefix + 0) ?? ""
            : string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString(Prefix + i)));
    }
}
