using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Nudges;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace CharacterFunctions.Roleplay.Tests.Services;

public sealed class CharacterServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RoleplayHarness _h = new();

    private CharacterService Service => new(_h.Characters, new CharacterValidator(_h.Catalog, new ModelOptions()), _h.Time, NullLogger<CharacterService>.Instance);

    private static CharacterDefinition Definition(string name = "Jiang Rang") => new() { Name = name, SystemPrompt = $"You are {name}." };

    [Fact]
    public async Task PutAsync_ValidDefinition_StoresWithETagAndGetReturnsIt()
    {
        var stored = await Service.PutAsync("jiang-rang", Definition(), null, None);

        Assert.False(string.IsNullOrEmpty(stored.ETag));
        Assert.Equal(stored, await Service.GetAsync("jiang-rang", None));
        Assert.Single(await Service.ListAsync(None));
    }

    [Fact]
    public async Task PutAsync_IfMatchStale_ThrowsPreconditionFailed()
    {
        var first = await Service.PutAsync("jiang-rang", Definition(), null, None);
        await Service.PutAsync("jiang-rang", Definition("Jiang"), first.ETag, None);

        var error = await Assert.ThrowsAsync<RoleplayException>(() => Service.PutAsync("jiang-rang", Definition("Again"), first.ETag, None));

        Assert.Equal(ProblemKind.PreconditionFailed, error.Kind);
        Assert.Equal("Jiang", (await Service.GetAsync("jiang-rang", None)).Name);
    }

    [Fact]
    public async Task PutAsync_BodyEtagStaleWithoutIfMatch_ThrowsPreconditionFailed()
    {
        var first = await Service.PutAsync("jiang-rang", Definition(), null, None);
        await Service.PutAsync("jiang-rang", Definition("Jiang"), null, None);

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            Service.PutAsync("jiang-rang", Definition("Again") with { Id = "jiang-rang", Etag = first.ETag, UpdatedAt = first.UpdatedAt }, null, None));

        Assert.Equal(ProblemKind.PreconditionFailed, error.Kind);
        Assert.Equal("Jiang", (await Service.GetAsync("jiang-rang", None)).Name);
    }

    [Fact]
    public async Task PutAsync_BodyEtagCurrent_ReplacesAndIgnoresUpdatedAt()
    {
        var first = await Service.PutAsync("jiang-rang", Definition(), null, None);
        _h.Time.Advance(TimeSpan.FromMinutes(1));

        var stored = await Service.PutAsync("jiang-rang",
            Definition("Jiang") with { Id = "jiang-rang", Etag = first.ETag, UpdatedAt = DateTimeOffset.UnixEpoch }, null, None);

        Assert.Equal("Jiang", stored.Name);
        Assert.Equal(_h.Time.GetUtcNow(), stored.UpdatedAt);
    }

    [Fact]
    public async Task PutAsync_IfMatchAnyWithStaleBodyEtag_Replaces()
    {
        var first = await Service.PutAsync("jiang-rang", Definition(), null, None);
        await Service.PutAsync("jiang-rang", Definition("Jiang"), null, None);

        var stored = await Service.PutAsync("jiang-rang", Definition("Again") with { Etag = first.ETag }, "*", None);

        Assert.Equal("Again", stored.Name);
    }

    [Fact]
    public async Task PutAsync_BodyEtagDiffersFromIfMatch_ThrowsValidationOnEtag()
    {
        var first = await Service.PutAsync("jiang-rang", Definition(), null, None);

        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            Service.PutAsync("jiang-rang", Definition("Again") with { Etag = "other" }, first.ETag, None));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Contains("etag", error.Errors!.Keys);
        Assert.Equal("Jiang Rang", (await Service.GetAsync("jiang-rang", None)).Name);
    }

    [Fact]
    public async Task PutAsync_BodyIdOfAnotherCharacter_ThrowsValidationOnId()
    {
        var error = await Assert.ThrowsAsync<RoleplayException>(() =>
            Service.PutAsync("jiang-rang", Definition() with { Id = "someone-else" }, null, None));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Contains("id", error.Errors!.Keys);
        Assert.Empty(await Service.ListAsync(None));
    }

    [Fact]
    public async Task PutAsync_InvalidDefinition_ThrowsValidation()
    {
        var error = await Assert.ThrowsAsync<RoleplayException>(() => Service.PutAsync("jiang-rang", new CharacterDefinition(), null, None));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Empty(await Service.ListAsync(None));
    }

    [Fact]
    public async Task GetAsyncAndDeleteAsync_Missing_ThrowNotFound()
    {
        Assert.Equal(ProblemKind.NotFound, (await Assert.ThrowsAsync<RoleplayException>(() => Service.GetAsync("ghost", None))).Kind);
        Assert.Equal(ProblemKind.NotFound, (await Assert.ThrowsAsync<RoleplayException>(() => Service.DeleteAsync("ghost", None))).Kind);
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesIt()
    {
        await Service.PutAsync("jiang-rang", Definition(), null, None);

        await Service.DeleteAsync("jiang-rang", None);

        Assert.Empty(await Service.ListAsync(None));
    }
}
