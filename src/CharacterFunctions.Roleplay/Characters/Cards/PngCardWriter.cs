using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CharacterFunctions.Roleplay.Characters.Cards;

/// <summary>
/// A PNG carrying a card: a 1x1 transparent image with the V2 JSON in a <c>chara</c> and the V3 JSON
/// in a <c>ccv3</c> tEXt chunk (base64 of UTF-8), so both V2-only and V3 readers import it.
/// </summary>
public static class PngCardWriter
{
    public static byte[] Write(string v2Json, string v3Json)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "tEXt", Text(PngCardReader.V2Keyword, v2Json));
        WriteChunk(png, "tEXt", Text(PngCardReader.V3Keyword, v3Json));
        WriteChunk(png, "IDAT", Pixels());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Text(string keyword, string json) =>
        [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)))];

    // One scanline: filter byte 0, then one fully transparent RGBA pixel; zlib-compressed as IDAT requires.
    private static byte[] Pixels()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write([0, 0, 0, 0, 0]);
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        png.Write(word);
    }
}
