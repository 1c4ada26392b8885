using Azure.Data.Tables;
using CharacterFunctions.Storage.Tables;

namespace CharacterFunctions.Storage.Tests.Tables;

/// <summary>Table-specific encoding rules that need no service: JSON chunking and key escaping.</summary>
public sealed class TableEncodingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(EntityJson.ChunkChars)]
    [InlineData(EntityJson.ChunkChars + 1)]
    [InlineData(95_000)]
    public void EntityJson_AnyLength_RoundTripsInBoundedChunks(int length)
    {
        var json = new string(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))).ToArray());
        var entity = new TableEntity("p", "r");

        EntityJson.Write(entity, json);

        Assert.Equal(json, EntityJson.Read(entity));
        var parts = entity.GetInt32("JsonParts")!.Value;
        Assert.Equal(Math.Max(1, (length + EntityJson.ChunkChars - 1) / EntityJson.ChunkChars), parts);
        Assert.All(Enumerable.Range(0, parts), i => Assert.True(entity.GetString("Json" + i)!.Length <= EntityJson.ChunkChars));
    }

    [Fact]
    public void EntityJson_SurrogatePairAtChunkBoundary_IsNotSplit()
    {
        // The emoji's high surrogate sits exactly at the last position of the first chunk.
        var json = new string('x', EntityJson.ChunkChars - 1) + "😀" + new string('y', 10);
        var entity = new TableEntity("p", "r");

        EntityJson.Write(entity, json);

        Assert.False(char.IsHighSurrogate(entity.GetString("Json0")![^1]));
        Assert.False(char.IsLowSurrogate(entity.GetString("Json1")![0]));
        Assert.Equal(json, EntityJson.Read(entity));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("100%")]
    public void TableKeys_Escape_RemovesForbiddenCharacters(string id)
    {
        var key = TableKeys.Escape(id);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void TableKeys_Escape_IsOneToOne()
    {
        string[] ids = ["a/b", "a%2Fb", "a%252Fb", "a%b", "a%25b", "plain-id", "ü"];

        var keys = ids.Select(TableKeys.Escape).ToArray();

        Assert.Equal(ids.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("plain-id", TableKeys.Escape("plain-id"));
    }

    [Fact]
    public void TableKeys_MessageRowKey_SortsLikeSeq()
    {
        long[] seqs = [1, 9, 10, 99, 100, 12345, long.MaxValue];

        var keys = seqs.Select(TableKeys.MessageRowKey).ToArray();

        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.All(keys, k => Assert.Equal(20, k.Length));
    }
}
