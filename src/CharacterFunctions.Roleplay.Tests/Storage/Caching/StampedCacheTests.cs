using CharacterFunctions.Roleplay.Storage.Caching;
using Microsoft.Extensions.Time.Testing;

namespace CharacterFunctions.Roleplay.Tests.Storage.Caching;

public sealed class StampedCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero));

    private StampedCache<string, string> Cache(int maxEntries = 10, TimeSpan? maxAge = null) => new(maxEntries, _time, maxAge);

    private static string? Get(StampedCache<string, string> cache, string key) => cache.TryGet(key, out var value) ? value : null;

    [Fact]
    public void Fill_NothingNewer_IsServed()
    {
        var cache = Cache();

        cache.Fill("k", "v1", cache.Begin());

        Assert.Equal("v1", Get(cache, "k"));
    }

    [Fact]
    public void Fill_ReadBeganBeforeStoredWrite_IsRefused()
    {
        var cache = Cache();
        var read = cache.Begin();
        var write = cache.Begin();

        cache.Stored("k", "v2", write);
        cache.Fill("k", "v1", read);

        Assert.Equal("v2", Get(cache, "k"));
    }

    [Fact]
    public void Fill_ReadBeganAfterStoredWrite_Replaces()
    {
        var cache = Cache();
        cache.Stored("k", "v1", cache.Begin());

        cache.Fill("k", "v2", cache.Begin());

        Assert.Equal("v2", Get(cache, "k"));
    }

    [Fact]
    public void Fill_ReadBeganBeforeInvalidate_IsRefused()
    {
        var cache = Cache();
        var read = cache.Begin();

        cache.Invalidate("k");
        cache.Fill("k", "old", read);

        Assert.Null(Get(cache, "k"));
    }

    [Fact]
    public void Fill_ReadBeganAfterInvalidate_Replaces()
    {
        var cache = Cache();
        cache.Invalidate("k");

        cache.Fill("k", "fresh", cache.Begin());

        Assert.Equal("fresh", Get(cache, "k"));
    }

    [Fact]
    public void Fill_NotFound_IsNotCachedButDropsOlderValue()
    {
        var cache = Cache();
        cache.Fill("absent", null, cache.Begin());
        cache.Stored("gone", "v1", cache.Begin());

        cache.Fill("gone", null, cache.Begin());

        Assert.Equal(1, cache.Count);
        Assert.Null(Get(cache, "gone"));
        Assert.False(cache.TryGet("absent", out _));
    }

    [Fact]
    public void Stored_KeyChangedDuringWrite_LeavesTombstone()
    {
        var cache = Cache();
        var slowWrite = cache.Begin();
        cache.Stored("k", "newer", cache.Begin());

        cache.Stored("k", "older", slowWrite);

        Assert.Null(Get(cache, "k"));
    }

    [Fact]
    public void Stored_WriteBeganBeforeKeysEntryWasEvicted_IsNotCached()
    {
        var cache = Cache(maxEntries: 1);
        var slowWrite = cache.Begin();
        cache.Stored("k", "newer", cache.Begin());
        cache.Stored("other", "x", cache.Begin()); // evicts "k"

        cache.Stored("k", "older", slowWrite);

        Assert.Null(Get(cache, "k"));
    }

    [Fact]
    public void Fill_ReadBeganBeforeKeysEntryWasEvicted_IsRefused()
    {
        var cache = Cache(maxEntries: 1);
        var read = cache.Begin();
        cache.Invalidate("k");
        cache.Stored("other", "x", cache.Begin()); // evicts the tombstone of "k"

        cache.Fill("k", "old", read);

        Assert.Null(Get(cache, "k"));
    }

    [Fact]
    public void Add_Full_EvictsLeastRecentlyUsed()
    {
        var cache = Cache(maxEntries: 3);
        foreach (var key in new[] { "a", "b", "c" })
        {
            cache.Fill(key, key, cache.Begin());
        }
        Get(cache, "a"); // "b" is now the least recently used

        cache.Fill("d", "d", cache.Begin());

        Assert.Equal(3, cache.Count);
        Assert.Equal(["a", null, "c", "d"], new[] { "a", "b", "c", "d" }.Select(k => Get(cache, k)));
    }

    [Fact]
    public void Add_ManyKeys_NeverHoldsMoreThanMaxEntries()
    {
        var cache = Cache(maxEntries: 5);

        for (var i = 0; i < 100; i++)
        {
            cache.Fill($"k{i}", "v", cache.Begin());
            cache.Invalidate($"t{i}");
            Assert.True(cache.Count <= 5);
        }
    }

    [Fact]
    public void TryGet_MaxAgePassed_Misses()
    {
        var cache = Cache(maxAge: TimeSpan.FromSeconds(10));
        cache.Stored("k", "v1", cache.Begin());

        _time.Advance(TimeSpan.FromSeconds(9.9));
        var young = Get(cache, "k");
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal("v1", young);
        Assert.Null(Get(cache, "k"));
    }

    [Fact]
    public void TryGet_NoMaxAge_ServesAfterAnyTime()
    {
        var cache = Cache();
        cache.Stored("k", "v1", cache.Begin());

        _time.Advance(TimeSpan.FromDays(30));

        Assert.Equal("v1", Get(cache, "k"));
    }

    [Fact]
    public void Fill_AfterMaxAgePassed_ServesFreshValueForAnotherMaxAge()
    {
        var cache = Cache(maxAge: TimeSpan.FromSeconds(10));
        cache.Stored("k", "v1", cache.Begin());
        _time.Advance(TimeSpan.FromSeconds(10));

        cache.Fill("k", "v2", cache.Begin());
        _time.Advance(TimeSpan.FromSeconds(9));

        Assert.Equal("v2", Get(cache, "k"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_MaxEntriesBelowOne_Throws(int maxEntries)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cache(maxEntries));
    }

    [Fact]
    public void Constructor_ZeroMaxAge_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cache(maxAge: TimeSpan.Zero));
    }
}
