using System.Buffers.Binary;
using System.Text;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Characters.Cards;

/// <summary>
/// Finds the card text in a PNG: the <c>ccv3</c> (V3) or else the <c>chara</c> (V2) tEXt chunk,
/// base64-decoded to UTF-8 JSON. Walks the chunks with every length checked against the bytes that
/// are really there, verifies each CRC, and never inflates anything: cards are stored in
/// uncompressed tEXt, so a compressed (zTXt/iTXt) card chunk is refused instead of decompressed,
/// which rules out decompression bombs. Failures are 400 problems; too much data is 413.
/// </summary>
public static class PngCardReader
{
    public const string V3Keyword = "ccv3";
    public const string V2Keyword = "chara";

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool LooksLikePng(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    /// <summary>The card JSON text carried by <paramref name="png"/>.</summary>
    public static string ReadCardJson(ReadOnlySpan<byte> png)
    {
        if (png.Length > CardLimits.MaxPngBytes)
        {
            throw CardProblems.TooLarge($"A PNG card may be at most {CardLimits.MaxPngBytes / (1024 * 1024)} MB.");
        }
        if (!LooksLikePng(png))
        {
            throw CardProblems.Invalid("png", "Not a PNG file (bad signature).");
        }

        string? v3 = null, v2 = null;
        var offset = Signature.Length;
        for (var count = 0; ; count++)
        {
            if (count >= CardLimits.MaxChunks)
            {
                throw CardProblems.Invalid("png", $"More than {CardLimits.MaxChunks} chunks.");
            }
            if (png.Length - offset < 12)
            {
                throw CardProblems.Invalid("png", "The PNG is truncated (no IEND chunk).");
            }
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            if (length > (uint)(png.Length - offset - 12))
            {
                throw CardProblems.Invalid("png", "A chunk is longer than the file.");
            }
            var typeAndData = png.Slice(offset + 4, 4 + (int)length);
            var type = Encoding.ASCII.GetString(typeAndData[..4]);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + (int)length)..]);
            if (Crc32.Compute(typeAndData) != crc)
            {
                throw CardProblems.Invalid("png", $"Chunk '{Printable(type)}' fails its CRC check (corrupt file).");
            }
            if (count == 0 && type != "IHDR")
            {
                throw CardProblems.Invalid("png", "The first chunk must be IHDR.");
            }
            var data = typeAndData[4..];
            switch (type)
            {
                case "tEXt":
                    ReadText(data, ref v3, ref v2);
                    break;
                case "zTXt" or "iTXt" when IsCardKeyword(Keyword(data)):
                    throw CardProblems.Invalid("png", $"The card is in a compressed {type} chunk; cards must use an uncompressed tEXt chunk.");
                case "IEND":
                    return DecodeCard(v3 ?? v2 ?? throw CardProblems.Invalid("png", "The PNG carries no character card (no 'ccv3' or 'chara' tEXt chunk)."));
            }
            offset += 12 + (int)length;
        }
    }

    private static void ReadText(ReadOnlySpan<byte> data, ref string? v3, ref string? v2)
    {
        var keyword = Keyword(data);
        if (!IsCardKeyword(keyword))
        {
            return;
        }
        var text = data[(keyword.Length + 1)..];
        if (text.Length > CardLimits.MaxBase64Length)
        {
            throw CardProblems.TooLarge($"The '{keyword}' chunk is larger than a card may be ({CardLimits.MaxJsonBytes / 1024} KB of JSON).");
        }
        // tEXt is Latin-1; base64 is ASCII, anything else is caught when decoding.
        var value = Encoding.Latin1.GetString(text);
        if (keyword == V3Keyword)
        {
            v3 ??= value;
        }
        else
        {
            v2 ??= value;
        }
    }

    private static string DecodeCard(string base64)
    {
        var buffer = new byte[base64.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            throw CardProblems.Invalid("png", "The card chunk is not valid base64.");
        }
        if (written > CardLimits.MaxJsonBytes)
        {
            throw CardProblems.TooLarge($"A card's JSON may be at most {CardLimits.MaxJsonBytes / 1024} KB.");
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            throw CardProblems.Invalid("png", "The card chunk does not decode to UTF-8 text.");
        }
    }

    /// <summary>The keyword of a tEXt/zTXt/iTXt chunk (1-79 Latin-1 bytes before a NUL), or "" when malformed.</summary>
    private static string Keyword(ReadOnlySpan<byte> data)
    {
        var end = data[..Math.Min(data.Length, 80)].IndexOf((byte)0);
        return end <= 0 ? "" : Encoding.Latin1.GetString(data[..end]);
    }

    private static bool IsCardKeyword(string keyword) =>
        keyword.Equals(V3Keyword, StringComparison.OrdinalIgnoreCase) || keyword.Equals(V2Keyword, StringComparison.OrdinalIgnoreCase);

    private static string Printable(string type) => new(type.Select(c => char.IsAsciiLetter(c) ? c : '?').ToArray());
}
