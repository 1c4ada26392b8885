using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>POST /api/characters/import and GET /api/characters/{id}/card over HTTP, with the card's lorebook used in a chat.</summary>
public sealed class CardImportExportTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    private static byte[] CardFile(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "CardFixtures", name));

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    private Task<HttpResponseMessage> ImportAsync(byte[] body, string? contentType, string? id = null) =>
        Api.SendAsync(HttpMethod.Post, id is null ? "/api/characters/import" : $"/api/characters/import?id={id}", configure: r =>
        {
            r.Content = new ByteArrayContent(body);
            // As a careful uploader does: an oversized body is refused from its Content-Length before it is sent.
            r.Headers.ExpectContinue = true;
            if (contentType is not null)
            {
                r.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        });

    [Fact]
    public async Task Import_V2JsonCard_CreatedAndTheChatUsesPersonaMacrosLorebookAndInstructions()
    {
        var id = NewId("sera");
        using var import = await ImportAsync(CardFile("v2-card.json"), "application/json", id);

        var character = await ApiClient.ExpectJsonAsync(import, HttpStatusCode.Created);
        Assert.Equal($"/api/characters/{id}", import.Headers.Location?.OriginalString);
        Assert.Equal("chara_card_v2", character["spec"]!.GetValue<string>());
        Assert.Equal("Seraphina", character["name"]!.GetValue<string>());
        Assert.Equal(2, character["alternateGreetings"]!.AsArray().Count);
        Assert.Equal(4, character["lorebook"]!["entries"]!.AsArray().Count);
        Assert.Contains("tags", character["unsupportedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("character_book.entries[].secondary_keys", character["unsupportedFields"]!.AsArray().Select(f => f!.GetValue<string>()));

        var session = await Api.CreateSessionAsync(new { characterIds = new[] { id }, players = new[] { new { playerId = "p-1", name = "Alice" } } });
        Assert.Equal("*Seraphina kneels beside you.* You are safe now, Alice.", Text(Assert.Single(session.Messages)));
        Model.Reply(session.SessionId, "Yes. Stay behind me.");
        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Was that a wolf?" });

        var request = Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.Equal(
        [
            WireMessage.System(
                "Write Seraphina's next reply in a fictional chat with Alice.\n\n" +
                "Your identity:\n\nSeraphina is a forest guardian with pink hair who protects travellers.\n\n" +
                "Your personality:\n\nGentle, protective, curious\n\n" +
                "Conversation scenario:\n\nAlice wakes up in Seraphina's glade after being attacked by shadow wolves."),
            WireMessage.Assistant("*Seraphina kneels beside you.* You are safe now, Alice."),
            WireMessage.System("Eldoria is a vast enchanted forest.\n\nShadow wolves hunt at night and fear Seraphina's light magic."),
            WireMessage.System("Stay in character as Seraphina."),
            WireMessage.User("Was that a wolf?"),
        ], request.Messages);
    }

    [Fact]
    public async Task CreateSession_GreetingChosen_AlternateGreetingIsTheOpeningAndOutOfRangeIs400()
    {
        var id = NewId("sera");
        using (var import = await ImportAsync(CardFile("v2-card.json"), "application/json", id))
        {
            await ApiClient.ExpectJsonAsync(import, HttpStatusCode.Created);
        }
        var players = new[] { new { playerId = "p-1", name = "Alice" } };

        var first = await Api.CreateSessionAsync(new { characterIds = new[] { id }, players, greetings = new Dictionary<string, int> { [id] = 1 } });
        using var outOfRange = await Api.SendAsync(HttpMethod.Post, "/api/sessions",
            new { characterIds = new[] { id }, players, greetings = new Dictionary<string, int> { [id] = 3 } });

        Assert.Equal("*The glade is quiet.* Oh, you're awake, Alice.", Text(Assert.Single(first.Messages)));
        var problem = await ApiClient.ExpectProblemAsync(outOfRange, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![$"greetings.{id}"]);
    }

    [Fact]
    public async Task PutCharacter_LorebookEdited_StoredReturnedAndUsedInTheNextCall()
    {
        var id = await NewCharacterAsync(openingLine: null, extra: new JsonObject
        {
            ["lorebook"] = new JsonObject
            {
                ["entries"] = new JsonArray(
                    new JsonObject { ["keys"] = new JsonArray("Go"), ["content"] = "{{char}} has won many Go awards." },
                    new JsonObject { ["keys"] = new JsonArray("exam"), ["content"] = "Exams start Monday.", ["enabled"] = false }),
            },
        });
        using (var get = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}"))
        {
            var entries = (await ApiClient.ExpectJsonAsync(get, HttpStatusCode.OK))["lorebook"]!["entries"]!.AsArray();
            Assert.Equal(["Go"], entries[0]!["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
            Assert.False(entries[1]!["enabled"]!.GetValue<bool>());
        }
        var session = await NewSessionAsync(id);

        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = "Do you play go? Is there an exam?" });

        Assert.Equal(
        [
            WireMessage.System(JiangRangPrompt),
            WireMessage.System("Jiang Rang has won many Go awards."),
            WireMessage.User("Do you play go? Is there an exam?"),
        ], Assert.Single(Model.RequestsFor(session.SessionId)).Messages);
    }

    [Fact]
    public async Task ImportPng_V3WithCharaAndCcv3_Ccv3WinsAndExportReturnsTheSameCard()
    {
        var id = NewId("mirela");
        using var import = await ImportAsync(CardFile("v3-card.png"), "image/png", id);
        var character = await ApiClient.ExpectJsonAsync(import, HttpStatusCode.Created);
        Assert.Equal("Captain Mirela", character["name"]!.GetValue<string>());

        using var export = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}/card");
        var card = await ApiClient.ExpectJsonAsync(export, HttpStatusCode.OK);

        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        var original = JsonNode.Parse(CardFile("v3-card.json"))!;
        Assert.True(JsonNode.DeepEquals(original, card), card.ToJsonString());
    }

    [Theory]
    [InlineData("?format=png", null)]
    [InlineData("", "image/png")]
    public async Task ExportPng_AskedByQueryOrAccept_PngThatImportsAsTheSameCharacter(string query, string? accept)
    {
        var id = NewId("sera");
        using (var import = await ImportAsync(CardFile("v2-card.json"), "application/json", id))
        {
            await ApiClient.ExpectJsonAsync(import, HttpStatusCode.Created);
        }

        using var export = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}/card{query}",
            configure: r => { if (accept is not null) { r.Headers.Accept.ParseAdd(accept); } });
        var png = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("image/png", export.Content.Headers.ContentType?.MediaType);

        var copyId = NewId("copy");
        using var reimport = await ImportAsync(png, "image/png", copyId);
        var copy = await ApiClient.ExpectJsonAsync(reimport, HttpStatusCode.Created);
        Assert.Equal("chara_card_v3", copy["spec"]!.GetValue<string>());
        using var original = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}/card");
        using var copied = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{copyId}/card");
        Assert.True(JsonNode.DeepEquals(
            await ApiClient.ExpectJsonAsync(original, HttpStatusCode.OK),
            await ApiClient.ExpectJsonAsync(copied, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Import_ExistingId_ReplacedWith200AndModelSettingsKept()
    {
        var id = NewId("sera");
        using (var first = await ImportAsync(CardFile("v2-card.json"), "application/json", id))
        {
            await ApiClient.ExpectJsonAsync(first, HttpStatusCode.Created);
        }
        using (var get = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}"))
        {
            var body = (await ApiClient.ExpectJsonAsync(get, HttpStatusCode.OK)).AsObject();
            body["generation"] = new JsonObject { ["temperature"] = 0.3 };
            // The response's read-only fields are not part of the PUT body (strict request JSON).
            foreach (var readOnly in new[] { "id", "etag", "updatedAt" })
            {
                body.Remove(readOnly);
            }
            await Api.PutCharacterAsync(id, body);
        }

        using var second = await ImportAsync(CardFile("v3-card.json"), "application/json", id);

        var replaced = await ApiClient.ExpectJsonAsync(second, HttpStatusCode.OK);
        Assert.Equal("Captain Mirela", replaced["name"]!.GetValue<string>());
        Assert.Equal(0.3, replaced["generation"]!["temperature"]!.GetValue<double>());
    }

    [Fact]
    public async Task Import_NoId_IdIsASlugOfTheName()
    {
        using var import = await ImportAsync(CardFile("v2-card.png"), contentType: null);

        var character = await ApiClient.ExpectJsonAsync(import, HttpStatusCode.Created);
        Assert.Matches("^seraphina(-[0-9]+)?$", character["id"]!.GetValue<string>());
    }

    /// <summary>A bad card by name (built here, not passed as theory data: xunit would format megabytes of bytes into test names).</summary>
    private static (byte[] Body, string? ContentType, HttpStatusCode Status) BadCard(string name)
    {
        switch (name)
        {
            case "not json": return ("{ \"spec\": "u8.ToArray(), "application/json", HttpStatusCode.BadRequest);
            case "wrong spec": return ("""{"spec":"chara_card_v1","data":{"name":"x"}}"""u8.ToArray(), "application/json", HttpStatusCode.BadRequest);
            case "description over the limit":
                return (Encoding.UTF8.GetBytes($$$"""{"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"x","description":"{{{new string('d', 4001)}}}"}}"""), "application/json", HttpStatusCode.BadRequest);
            case "png with a bad crc":
                var corrupt = CardFile("v2-card.png");
                corrupt[corrupt.AsSpan().IndexOf("chara\0"u8) + 20] ^= 0x01;
                return (corrupt, "image/png", HttpStatusCode.BadRequest);
            case "truncated png": return (CardFile("v2-card.png")[..200], "image/png", HttpStatusCode.BadRequest);
            case "json over 1 MB":
                return (Encoding.UTF8.GetBytes($$$"""{"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"x","creator_notes":"{{{new string('x', 2 * 1024 * 1024)}}}"}}"""), "application/json", HttpStatusCode.RequestEntityTooLarge);
            case "png over 8 MB": return (new byte[9 * 1024 * 1024], "image/png", HttpStatusCode.RequestEntityTooLarge);
            case "text body": return ("name: x"u8.ToArray(), "text/plain", HttpStatusCode.UnsupportedMediaType);
            default: return ([], "application/json", HttpStatusCode.BadRequest);
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("wrong spec")]
    [InlineData("description over the limit")]
    [InlineData("png with a bad crc")]
    [InlineData("truncated png")]
    [InlineData("json over 1 MB")]
    [InlineData("png over 8 MB")]
    [InlineData("text body")]
    [InlineData("empty body")]
    public async Task Import_MalformedOrOversizedCard_ProblemAndNothingChanged(string why)
    {
        var (body, contentType, status) = BadCard(why);
        var id = NewId("bad");
        var before = await CharacterIdsAsync();

        using var import = await ImportAsync(body, contentType, id);

        await ApiClient.ExpectProblemAsync(import, status);
        Assert.True(before.SequenceEqual(await CharacterIdsAsync()), why);
        using var get = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Import_DescriptionOverTheLimit_ErrorNamesTheCardField()
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"x","description":"{{{new string('d', 4001)}}}"}}""");

        using var import = await ImportAsync(body, "application/json");

        var problem = await ApiClient.ExpectProblemAsync(import, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["data.description"]);
    }

    [Fact]
    public async Task CardRoutes_PlayerTokenOrUnknownCharacterOrBadFormat_Problems()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var asPlayer = await Api.SendAsync(HttpMethod.Post, "/api/characters/import", "{}", token: session.Token);
        await ApiClient.ExpectProblemAsync(asPlayer, HttpStatusCode.Forbidden);
        using var unknown = await Api.SendAsync(HttpMethod.Get, "/api/characters/no-such-character/card");
        await ApiClient.ExpectProblemAsync(unknown, HttpStatusCode.NotFound);
        using var badFormat = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{session.Messages[0]!["speakerId"]}/card?format=gif");
        await ApiClient.ExpectProblemAsync(badFormat, HttpStatusCode.BadRequest);
    }

    private async Task<List<string>> CharacterIdsAsync()
    {
        using var list = await Api.SendAsync(HttpMethod.Get, "/api/characters");
        return (await ApiClient.ExpectJsonAsync(list, HttpStatusCode.OK)).AsArray()
            .Select(c => $"{c!["id"]}:{c["etag"]}").ToList();
    }
}
