using System.Text.Json;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Contracts;

/// <summary>Behaviour every <see cref="ICharacterStore"/> must have; one subclass per store.</summary>
public abstract class CharacterStoreContract
{
    protected abstract ICharacterStore Store { get; }

    private static readonly CancellationToken Ct = CancellationToken.None;

    private static CharacterProfile Profile(string? id = null) => new()
    {
        Id = id ?? NewId("c"),
        Name = "Jiang Rang",
        Model = "qwen-plus-character",
        SystemPrompt = "You are Jiang Rang, a male Go prodigy. 你是江让。",
        Persona = new Persona { Identity = "Go prodigy", SpeakingStyle = "terse", UseActionsInParentheses = true },
        OpeningLine = "Class monitor, what are you up to?",
        AlternateGreetings = ["{{user}}, you're late again.", "又见面了，班长。"],
        PostHistoryInstructions = "Stay in character as {{char}}.",
        Lorebook = new Lorebook
        {
            Name = "School",
            TokenBudget = 300,
            Entries =
            [
                new LorebookEntry { Keys = ["go", "围棋"], Content = "{{char}} won the national Go cup.", InsertionOrder = 3, Name = "Go", Comment = "awards",
                    CardData = new Dictionary<string, JsonElement> { ["secondary_keys"] = JsonSerializer.SerializeToElement(new[] { "cup" }), ["priority"] = JsonSerializer.SerializeToElement(7) } },
                new LorebookEntry { Content = "It is exam week.", Constant = true, Enabled = false },
            ],
            CardData = new Dictionary<string, JsonElement> { ["scan_depth"] = JsonSerializer.SerializeToElement(4) },
        },
        CardData = new Dictionary<string, JsonElement>
        {
            ["tags"] = JsonSerializer.SerializeToElement(new[] { "school", "校园" }),
            ["extensions"] = JsonSerializer.SerializeToElement(new { depth_prompt = new { prompt = "", depth = 4 }, fav = false }),
        },
        Generation = new GenerationSettings { Temperature = 0.9, TopP = 0.8, MaxTokens = 512, N = 2, Seed = 5, LogitBias = new Dictionary<string, int> { ["7"] = -100 } },
        Features = new CharacterFeatures { Realtime = true, WebSearch = false, KnowledgeBaseIds = ["kb-1"] },
        Memory = new MemorySettings { LongTerm = true, MemoryEntries = 80, SkipSaveTypes = ["system", "output"] },
        UpdatedAt = T0,
    };

    [StoreFact]
    public async Task PutAsync_New_AssignsETagAndGetReturnsEveryField()
    {
        var profile = Profile();

        var stored = await Store.PutAsync(profile, null, Ct);
        var read = await Store.GetAsync(profile.Id, Ct);

        Assert.False(string.IsNullOrEmpty(stored.ETag));
        Assert.NotNull(read);
        Assert.Equal(stored.ETag, read.ETag);
        JsonAssert.Same(profile with { ETag = stored.ETag }, read);
    }

    [StoreFact]
    public async Task PutAsync_Replace_ChangesETagAndContent()
    {
        var first = await Store.PutAsync(Profile(), null, Ct);

        var second = await Store.PutAsync(first with { Name = "Ling Lu", OpeningLine = null }, null, Ct);
        var read = await Store.GetAsync(first.Id, Ct);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("Ling Lu", read!.Name);
        Assert.Null(read.OpeningLine);
        Assert.Equal(second.ETag, read.ETag);
    }

    [StoreFact]
    public async Task PutAsync_IfMatchCurrent_Succeeds()
    {
        var first = await Store.PutAsync(Profile(), null, Ct);

        var second = await Store.PutAsync(first with { Name = "Updated" }, first.ETag, Ct);

        Assert.Equal("Updated", (await Store.GetAsync(first.Id, Ct))!.Name);
        Assert.NotEqual(first.ETag, second.ETag);
    }

    [StoreFact]
    public async Task PutAsync_IfMatchStale_ThrowsConcurrencyAndKeepsStored()
    {
        var first = await Store.PutAsync(Profile(), null, Ct);
        var second = await Store.PutAsync(first with { Name = "Second" }, null, Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.PutAsync(first with { Name = "Lost update" }, first.ETag, Ct));

        var read = await Store.GetAsync(first.Id, Ct);
        Assert.Equal("Second", read!.Name);
        Assert.Equal(second.ETag, read.ETag);
    }

    [StoreFact]
    public async Task PutAsync_IfMatchOnMissing_ThrowsConcurrency()
    {
        var profile = Profile();

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.PutAsync(profile, "some-etag", Ct));

        Assert.Null(await Store.GetAsync(profile.Id, Ct));
    }

    [StoreFact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(NewId("nobody"), Ct));
    }

    [StoreFact]
    public async Task ListAsync_ReturnsStoredCharacters()
    {
        var a = await Store.PutAsync(Profile(), null, Ct);
        var b = await Store.PutAsync(Profile() with { Name = "Ling Lu" }, null, Ct);

        var listed = await Store.ListAsync(Ct);

        var ours = listed.Where(p => p.Id == a.Id || p.Id == b.Id).OrderBy(p => p.Name).ToArray();
        Assert.Equal(["Jiang Rang", "Ling Lu"], ours.Select(p => p.Name));
        Assert.Equal(a.ETag, ours[0].ETag);
        Assert.Equal(b.ETag, ours[1].ETag);
    }

    [StoreFact]
    public async Task DeleteAsync_Existing_RemovesItThenReportsNothingToDelete()
    {
        var stored = await Store.PutAsync(Profile(), null, Ct);

        Assert.True(await Store.DeleteAsync(stored.Id, Ct));
        Assert.Null(await Store.GetAsync(stored.Id, Ct));
        Assert.DoesNotContain(await Store.ListAsync(Ct), p => p.Id == stored.Id);
        Assert.False(await Store.DeleteAsync(stored.Id, Ct));
    }
}
