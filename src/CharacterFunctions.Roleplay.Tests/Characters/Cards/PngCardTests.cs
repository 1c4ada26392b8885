using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using CharacterFunctions.Roleplay.Characters.Cards;
using CharacterFunctions.Roleplay.Validation;
using static CharacterFunctions.Roleplay.Tests.Characters.Cards.CardFixtures;

namespace CharacterFunctions.Roleplay.Tests.Characters.Cards;

public sealed class PngCardTests
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void ReadCardJson_V2Png_ReturnsTheCharaChunk()
    {
        var json = PngCardReader.ReadCardJson(Bytes("v2-card.png"));

        Assert.Equal("Seraphina", CardParser.Parse(json).Definition.Name);
    }

    [Fact]
    public void ReadCardJson_PngWithCharaAndCcv3_PrefersCcv3()
    {
        var card = CardParser.Parse(PngCardReader.ReadCardJson(Bytes("v3-card.png")));

        Assert.Equal(CardParser.SpecV3, card.Spec);
        Assert.Equal("Captain Mirela", card.Definition.Name);
    }

    [Fact]
    public void Write_ThenRead_BothChunksCarryTheirCard()
    {
        var png = PngCardWriter.Write("""{"v":2}""", """{"v":3,"name":"江让"}""");

        Assert.Equal("""{"v":3,"name":"江让"}""", PngCardReader.ReadCardJson(png));
        var withoutV3 = Rebuild(Chunks(png).Where(c => !(c.Type == "tEXt" && Encoding.Latin1.GetString(c.Data).StartsWith("ccv3\0", StringComparison.Ordinal))));
        Assert.Equal("""{"v":2}""", PngCardReader.ReadCardJson(withoutV3));
        Assert.Equal(["IHDR", "tEXt", "tEXt", "IDAT", "IEND"], Chunks(png).Select(c => c.Type));
    }

    [Fact]
    public void ReadCardJson_FlippedByteInChunk_RejectedByCrc()
    {
        var png = Bytes("v2-card.png");
        var cardText = png.AsSpan().IndexOf("chara\0"u8);
        png[cardText + 20] ^= 0x01;

        AssertInvalid(png, "CRC");
    }

    [Fact]
    public void ReadCardJson_Truncated_Rejected()
    {
        var png = Bytes("v2-card.png");

        AssertInvalid(png[..(png.Length - 12)], "truncated");
    }

    [Fact]
    public void ReadCardJson_ChunkLengthBeyondTheFile_RejectedWithoutReading()
    {
        var png = Bytes("v2-card.png");
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(Signature.Length), 0x7FFF_FFFF);

        AssertInvalid(png, "longer than the file");
    }

    [Fact]
    public void ReadCardJson_NotAPng_Rejected()
    {
        AssertInvalid(Encoding.ASCII.GetBytes("GIF89a....."), "signature");
    }

    [Fact]
    public void ReadCardJson_NoCardChunk_Rejected()
    {
        AssertInvalid(Png(("tEXt", Text("Comment", "hello"))), "no character card");
    }

    [Fact]
    public void ReadCardJson_BadBase64_Rejected()
    {
        AssertInvalid(Png(("tEXt", Text("chara", "not base64 at all!"))), "base64");
    }

    [Fact]
    public void ReadCardJson_Base64OfInvalidUtf8_Rejected()
    {
        AssertInvalid(Png(("tEXt", Text("chara", Convert.ToBase64String([0xC3, 0x28, 0xFF])))), "UTF-8");
    }

    [Fact]
    public void ReadCardJson_CompressedCardChunk_RejectedWithoutInflating()
    {
        // A zip bomb: 16 MB of zeros in a few KB, in the zTXt form of the card chunk.
        using var bomb = new MemoryStream();
        using (var zlib = new ZLibStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[16 * 1024 * 1024]);
        }
        byte[] data = [.. Encoding.Latin1.GetBytes("chara"), 0, 0, .. bomb.ToArray()];

        AssertInvalid(Png(("zTXt", data)), "compressed");
    }

    [Fact]
    public void ReadCardJson_CardChunkOverTheLimit_PayloadTooLarge()
    {
        var problem = Assert.Throws<RoleplayException>(() =>
            PngCardReader.ReadCardJson(Png(("tEXt", Text("chara", new string('A', CardLimits.MaxBase64Length + 4))))));

        Assert.Equal(ProblemKind.PayloadTooLarge, problem.Kind);
    }

    [Fact]
    public void ReadCardJson_FileOverTheLimit_PayloadTooLarge()
    {
        var png = new byte[CardLimits.MaxPngBytes + 1];
        Signature.CopyTo(png, 0);

        var problem = Assert.Throws<RoleplayException>(() => PngCardReader.ReadCardJson(png));

        Assert.Equal(ProblemKind.PayloadTooLarge, problem.Kind);
    }

    private static void AssertInvalid(byte[] png, string messagePart)
    {
        var problem = Assert.Throws<RoleplayException>(() => PngCardReader.ReadCardJson(png));
        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.Contains(messagePart, problem.Errors!["png"][0], StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] Text(string keyword, string text) => [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(text)];

    /// <summary>A 1x1 PNG with the given chunks between IHDR and IDAT, each with a correct CRC.</summary>
    private static byte[] Png(params (string Type, byte[] Data)[] middle)
    {
        var template = Chunks(PngCardWriter.Write("{}", "{}")).ToList();
        return Rebuild([template[0], .. middle, .. template.Where(c => c.Type is "IDAT" or "IEND")]);
    }

    private static IEnumerable<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var offset = Signature.Length;
        while (offset < png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            yield return (Encoding.ASCII.GetString(png, offset + 4, 4), png[(offset + 8)..(offset + 8 + length)]);
            offset += 12 + length;
        }
    }

    // Bit by bit, straight from the PNG specification: independent of the product's table-driven CRC.
    private static uint BitwiseCrc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }

    private static byte[] Rebuild(IEnumerable<(string Type, byte[] Data)> chunks)
    {
        using var png = new MemoryStream();
        png.Write(Signature);
        foreach (var (type, data) in chunks)
        {
            var word = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
            png.Write(word);
            byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
            png.Write(typeAndData);
            BinaryPrimitives.WriteUInt32BigEndian(word, BitwiseCrc(typeAndData));
            png.Write(word);
        }
        return png.ToArray();
    }
}
