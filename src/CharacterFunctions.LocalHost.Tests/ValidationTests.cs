using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class ValidationTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task PutCharacter_MissingRequiredFields_BadRequestWithErrorsAndNothingStored()
    {
        using var response = await Api.SendAsync(HttpMethod.Put, "/api/characters/invalid-one", new { model = "qwen-plus-character" });

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name"));
        Assert.True(errors.ContainsKey("systemPrompt"));
        using var lookup = await Api.SendAsync(HttpMethod.Get, "/api/characters/invalid-one");
        await ApiClient.ExpectProblemAsync(lookup, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutCharacter_LogitBiasOutOfRange_BadRequestWithErrors()
    {
        using var response = await Api.SendAsync(HttpMethod.Put, "/api/characters/bias-one",
            new { name = "X", systemPrompt = "Y", generation = new { logitBias = new Dictionary<string, int> { ["7"] = 500 } } });

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.Contains("logitBias", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutCharacter_MalformedJson_BadRequestProblem()
    {
        using var response = await Api.SendAsync(HttpMethod.Put, "/api/characters/malformed", "{ \"name\": ");

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]!.AsObject());
    }

    [Fact]
    public async Task PutCharacter_WrongTypeAndUnknownProperty_BothBadRequest()
    {
        using var wrongType = await Api.SendAsync(HttpMethod.Put, "/api/characters/wrong-type", "{ \"name\": 5, \"systemPrompt\": \"Y\" }");
        using var unknown = await Api.SendAsync(HttpMethod.Put, "/api/characters/unknown-prop", "{ \"name\": \"X\", \"systemPrompt\": \"Y\", \"mood\": \"happy\" }");

        await ApiClient.ExpectProblemAsync(wrongType, HttpStatusCode.BadRequest);
        await ApiClient.ExpectProblemAsync(unknown, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task PutCharacter_NonJsonContentType_UnsupportedMediaTypeAndNothingStored(string contentType)
    {
        var id = $"media-{Guid.NewGuid():N}"[..30];
        using var response = await Api.SendAsync(HttpMethod.Put, $"/api/characters/{id}", "{ \"name\": \"X\", \"systemPrompt\": \"Y\" }",
            configure: request => request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType));

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        using var lookup = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}");
        await ApiClient.ExpectProblemAsync(lookup, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostTurn_JsonSuffixOrMissingContentType_Accepted()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var suffixed = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns",
            $"{{ \"turnId\": \"{Turn()}\", \"text\": \"one\", \"reply\": false }}", session.Token,
            configure: request => request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/merge-patch+json"));
        using var missing = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns",
            $"{{ \"turnId\": \"{Turn()}\", \"text\": \"two\", \"reply\": false }}", session.Token,
            configure: request => request.Content!.Headers.ContentType = null);

        await ApiClient.ExpectJsonAsync(suffixed, HttpStatusCode.OK);
        await ApiClient.ExpectJsonAsync(missing, HttpStatusCode.OK);
    }

    [Fact]
    public async Task PutCharacter_BodyOver256KB_PayloadTooLargeProblem()
    {
        using var response = await Api.SendAsync(HttpMethod.Put, "/api/characters/too-large", new { name = "X", systemPrompt = new string('a', 300 * 1024) });

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostTurn_EmptyOrInvalidBody_BadRequestAndTranscriptUnchanged()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var empty = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", "", session.Token);
        using var blankText = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", new { turnId = Turn(), text = "" }, session.Token);
        using var badOptions = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns",
            new { turnId = Turn(), text = "Hi", options = new { n = 0 } }, session.Token);

        Assert.NotEmpty((await ApiClient.ExpectProblemAsync(empty, HttpStatusCode.BadRequest))["errors"]!.AsObject());
        Assert.NotEmpty((await ApiClient.ExpectProblemAsync(blankText, HttpStatusCode.BadRequest))["errors"]!.AsObject());
        Assert.NotEmpty((await ApiClient.ExpectProblemAsync(badOptions, HttpStatusCode.BadRequest))["errors"]!.AsObject());
        Assert.Single(await Api.MessagesAsync(session.SessionId, session.Token));
        Assert.Empty(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task CreateSession_UnknownCharacterOrNoPlayers_BadRequestOrNotFound()
    {
        using var unknown = await Api.SendAsync(HttpMethod.Post, "/api/sessions",
            new { characterIds = new[] { "does-not-exist" }, players = new[] { new { playerId = "p-1", name = "P" } } });
        using var noPlayers = await Api.SendAsync(HttpMethod.Post, "/api/sessions", new { characterIds = new[] { await NewCharacterAsync() } });

        Assert.Contains(unknown.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        await ApiClient.ExpectProblemAsync(unknown, unknown.StatusCode);
        Assert.NotEmpty((await ApiClient.ExpectProblemAsync(noPlayers, HttpStatusCode.BadRequest))["errors"]!.AsObject());
    }

    [Fact]
    public async Task ListMessages_WaitSecondsAboveSixty_BadRequest()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}/messages?waitSeconds=61", token: session.Token);

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("waitSeconds"));
    }

    [Fact]
    public async Task KnownRouteWrongMethod_MethodNotAllowedProblem()
    {
        using var response = await Api.SendAsync(HttpMethod.Patch, "/api/characters/some-id", new { name = "X" });

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task UnknownApiRoute_NotFoundProblem()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/nothing-here");

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.NotFound);
    }
}
