using System.Net;
using CharacterFunctions.Api.Http;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>URL and header limits and what errors echo: problems with bounded details.</summary>
public sealed class RequestLimitTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task Get_TenThousandCharacterUrl_UriTooLongProblem()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/characters/" + new string('a', 10_000));

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.DoesNotContain(new string('a', 200), problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FortyKilobyteHeader_HeaderFieldsTooLargeProblem()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/characters",
            configure: r => r.Headers.Add("X-Padding", new string('h', 40_000)));

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task Get_MoreHeaderFieldsThanTheLimit_HeaderFieldsTooLargeProblem()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/characters", configure: r =>
        {
            for (var i = 0; i <= RequestLimits.MaxHeaderCount; i++)
            {
                r.Headers.Add($"X-H{i}", "v");
            }
        });

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task Put_NulInPathSegment_BadRequestAndNothingStored()
    {
        // Kestrel refuses %00 before the app (an empty-bodied 400, documented in docs/api.md, Limits).
        using var response = await Api.SendAsync(HttpMethod.Put, "/api/characters/nul%00id", new { name = "X", systemPrompt = "Y" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var list = await Api.SendAsync(HttpMethod.Get, "/api/characters");
        Assert.DoesNotContain("nul", (await ApiClient.ExpectJsonAsync(list, HttpStatusCode.OK)).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FourThousandCharacterId_NotFoundEchoesABoundedPrefix()
    {
        var id = new string('b', 4_000);

        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}");

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.NotFound);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.DoesNotContain(new string('b', EchoBounds.MaxValueChars), detail, StringComparison.Ordinal);
        Assert.Contains("…", detail, StringComparison.Ordinal);
        Assert.True(detail.Length <= EchoBounds.MaxDetailChars, $"detail has {detail.Length} characters");
    }

    [Fact]
    public async Task Get_UnknownRouteWithLongPath_NotFoundEchoesABoundedPath()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/nothing/" + new string('c', 5_000));

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.NotFound);
        Assert.True(problem["detail"]!.GetValue<string>().Length <= EchoBounds.MaxDetailChars);
    }
}
