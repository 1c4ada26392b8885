using System.Net;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class GenerateTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    private const string Instruction = "Write three short greetings for a new classmate.";

    [Fact]
    public async Task Generate_StoredCharacter_OneUserMessageWithProfileAndInstruction()
    {
        var prompt = "You are Jiang Rang " + Guid.NewGuid().ToString("N");
        var character = await NewCharacterAsync(prompt: prompt);

        var result = await GenerateAsync(new { characterId = character, instruction = Instruction, n = 2, seed = 42 }, HttpStatusCode.OK);

        var request = Assert.Single(Model.RequestsMentioning(prompt));
        Assert.StartsWith("generate-", request.SessionHeader, StringComparison.Ordinal);
        Assert.Equal([WireMessage.User(prompt + "\n\n" + Instruction)], request.Messages);
        Assert.Equal((2, 42L), (request.Body["n"]!.GetValue<int>(), request.Seed!.Value));
        Assert.Equal(2, result["choices"]!.AsArray().Count);
        Assert.Equal(result["choices"]![0]!["text"]!.GetValue<string>(), Text(result));
        Assert.Equal("stop", result["choices"]![0]!["finishReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Generate_InlineProfile_SendsItAndReturnsTheModelText()
    {
        var profile = "You are a cheerful shopkeeper " + Guid.NewGuid().ToString("N");

        var result = await GenerateAsync(new { profile, instruction = Instruction }, HttpStatusCode.OK);

        var request = Assert.Single(Model.RequestsMentioning(profile));
        Assert.Equal([WireMessage.User(profile + "\n\n" + Instruction)], request.Messages);
        Assert.False(string.IsNullOrEmpty(Text(result)));
    }

    [Fact]
    public async Task Generate_BothCharacterIdAndProfile_BadRequestAndNoModelCall()
    {
        var profile = "You are nobody " + Guid.NewGuid().ToString("N");

        var problem = await GenerateAsync(new { characterId = await NewCharacterAsync(), profile, instruction = Instruction }, HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["characterId"]);
        Assert.Empty(Model.RequestsMentioning(profile));
    }

    [Fact]
    public async Task Generate_PlayerToken_Forbidden()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/generate", new { profile = "p", instruction = Instruction }, session.Token, asOperator: false);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Generate_AcceptEventStream_DeltasThenDoneWithText()
    {
        var profile = "You are a bard " + Guid.NewGuid().ToString("N");

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/generate", new { profile, instruction = Instruction },
            configure: r => r.Headers.Accept.ParseAdd("text/event-stream"));

        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.Equal("done", events[^1].Name);
        var streamed = string.Concat(events.Where(e => e.Name == "delta").Select(e => e.Data["text"]!.GetValue<string>()));
        Assert.Equal(Text(events[^1].Data), streamed);
    }

    private async Task<JsonNode> GenerateAsync(object body, HttpStatusCode expected)
    {
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/generate", body);
        return expected == HttpStatusCode.OK ? await ApiClient.ExpectJsonAsync(response, expected) : await ApiClient.ExpectProblemAsync(response, expected);
    }
}
