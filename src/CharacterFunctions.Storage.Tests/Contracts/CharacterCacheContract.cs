using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Storage.Caching;
using CharacterFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Contracts;

/// <summary>
/// <see cref="CachedCharacterStore"/> over a real store: after every writer, successful or failed, a read
/// returns the store's truth; a read in flight across a write never puts an older profile back; with a max
/// age, another instance's write is seen once the age has passed.
/// <see cref="OtherWriter"/> is a second, uncached instance on the same data (another process).
/// </summary>
public abstract class CharacterCacheContract
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(T0);

    /// <summary>The store the cache wraps.</summary>
    protected abstract ICharacterStore Store { get; }

    /// <summary>A separate instance writing the same data, not through the cache.</summary>
    protected abstract ICharacterStore OtherWriter { get; }

    private (CachedCharacterStore Cached, GatedCharacterStore Gated, StampedCache<string, CharacterProfile> Profiles) Cached(
        int maxEntries = 100, TimeSpan? maxAge = null)
    {
        var gated = new GatedCharacterStore(Store);
        var profiles = new StampedCache<string, CharacterProfile>(maxEntries, _time, maxAge);
        return (new CachedCharacterStore(gated, profiles), gated, profiles);
    }

    private static CharacterProfile Profile(string name = "Jiang Rang") => new()
    {
        Id = NewId("c"),
        Name = name,
        Model = "qwen-plus-character",
        SystemPrompt = "You are Jiang Rang, a male Go prodigy.",
        UpdatedAt = T0,
    };

    private async Task AssertTruthAsync(ICharacterStore cached, string id)
    {
        var truth = await OtherWriter.GetAsync(id, Ct);
        JsonAssert.Same(truth, await cached.GetAsync(id, Ct));
    }

    [StoreFact]
    public async Task GetAsync_AfterPut_ReturnsStoredProfile()
    {
        var (cached, _, _) = Cached();
        var profile = Profile();
        Assert.Null(await cached.GetAsync(profile.Id, Ct));

        var stored = await cached.PutAsync(profile, null, Ct);

        Assert.Equal(stored.ETag, (await cached.GetAsync(profile.Id, Ct))!.ETag);
        await AssertTruthAsync(cached, profile.Id);
    }

    [StoreFact]
    public async Task GetAsync_AfterReplacingPut_ReturnsNewProfile()
    {
        var (cached, _, _) = Cached();
        var first = await cached.PutAsync(Profile(), null, Ct);
        await cached.GetAsync(first.Id, Ct);

        var second = await cached.PutAsync(first with { Name = "Ling Lu" }, first.ETag, Ct);

        var read = await cached.GetAsync(first.Id, Ct);
        Assert.Equal((second.ETag, "Ling Lu"), (read!.ETag, read.Name));
        await AssertTruthAsync(cached, first.Id);
    }

    [StoreFact]
    public async Task GetAsync_AfterStaleConditionalPutFails_SeesOtherWritersProfile()
    {
        var (cached, _, _) = Cached();
        var first = await cached.PutAsync(Profile(), null, Ct);
        var moved = await OtherWriter.PutAsync(first with { Name = "Elsewhere" }, null, Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => cached.PutAsync(first with { Name = "Lost" }, first.ETag, Ct));

        var read = await cached.GetAsync(first.Id, Ct);
        Assert.Equal((moved.ETag, "Elsewhere"), (read!.ETag, read.Name));
    }

    [StoreFact]
    public async Task GetAsync_AfterDelete_ReturnsNull()
    {
        var (cached, _, _) = Cached();
        var stored = await cached.PutAsync(Profile(), null, Ct);
        await cached.GetAsync(stored.Id, Ct);

        Assert.True(await cached.DeleteAsync(stored.Id, Ct));

        Assert.Null(await cached.GetAsync(stored.Id, Ct));
    }

    [StoreFact]
    public async Task GetAsync_AfterDeleteOfWhatOtherWriterDeleted_ReturnsNull()
    {
        var (cached, _, _) = Cached();
        var stored = await cached.PutAsync(Profile(), null, Ct);
        await OtherWriter.DeleteAsync(stored.Id, Ct);

        Assert.False(await cached.DeleteAsync(stored.Id, Ct));

        Assert.Null(await cached.GetAsync(stored.Id, Ct));
    }

    [StoreFact]
    public async Task GetAsync_ReadStartedBeforePutEndsAfterIt_KeepsPutProfile()
    {
        var (cached, gated, _) = Cached();
        var first = await OtherWriter.PutAsync(Profile(), null, Ct);
        var gate = gated.HoldNextGet();
        var slowRead = cached.GetAsync(first.Id, Ct);
        await gate.Reached;

        var second = await cached.PutAsync(first with { Name = "Second" }, null, Ct);
        gate.Release();

        Assert.Equal(first.ETag, (await slowRead)!.ETag);
        Assert.Equal(second.ETag, (await cached.GetAsync(first.Id, Ct))!.ETag);
    }

    [StoreFact]
    public async Task GetAsync_ReadStartedBeforeDeleteEndsAfterIt_ReturnsNull()
    {
        var (cached, gated, _) = Cached();
        var stored = await OtherWriter.PutAsync(Profile(), null, Ct);
        var gate = gated.HoldNextGet();
        var slowRead = cached.GetAsync(stored.Id, Ct);
        await gate.Reached;

        await cached.DeleteAsync(stored.Id, Ct);
        gate.Release();
        await slowRead;

        Assert.Null(await cached.GetAsync(stored.Id, Ct));
    }

    [StoreFact]
    public async Task GetAsync_PutReturningAfterANewerPut_KeepsNewerProfile()
    {
        var (cached, gated, _) = Cached();
        var first = await cached.PutAsync(Profile(), null, Ct);
        var gate = gated.HoldNextPut();
        var slowPut = cached.PutAsync(first with { Name = "Slow" }, null, Ct);
        await gate.Reached; // durable, but not yet back in the cache

        var newer = await cached.PutAsync(first with { Name = "Newer" }, null, Ct);
        gate.Release();
        await slowPut;

        Assert.Equal(newer.ETag, (await cached.GetAsync(first.Id, Ct))!.ETag);
    }

    [StoreFact]
    public async Task GetAsync_MaxAgePassed_SeesOtherWritersProfile()
    {
        var (cached, _, _) = Cached(maxAge: TimeSpan.FromSeconds(10));
        var first = await cached.PutAsync(Profile(), null, Ct);
        var moved = await OtherWriter.PutAsync(first with { Name = "Elsewhere" }, null, Ct);

        _time.Advance(TimeSpan.FromSeconds(9));
        var young = await cached.GetAsync(first.Id, Ct);
        _time.Advance(TimeSpan.FromSeconds(1));
        var aged = await cached.GetAsync(first.Id, Ct);

        Assert.Equal(first.ETag, young!.ETag); // within the max age the cached profile is served
        Assert.Equal(moved.ETag, aged!.ETag);
    }

    [StoreFact]
    public async Task GetAsync_MoreProfilesThanMaxEntries_StaysWithinBoundAndReturnsTruth()
    {
        var (cached, _, profiles) = Cached(maxEntries: 2);
        var stored = new List<CharacterProfile>();
        for (var i = 0; i < 5; i++)
        {
            stored.Add(await cached.PutAsync(Profile($"Character {i}"), null, Ct));
            Assert.True(profiles.Count <= 2);
        }

        foreach (var profile in stored)
        {
            Assert.Equal(profile.ETag, (await cached.GetAsync(profile.Id, Ct))!.ETag);
            Assert.True(profiles.Count <= 2);
        }
    }
}
