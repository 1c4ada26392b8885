using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Api;

/// <summary>Operator routes on character profiles: PUT/GET/DELETE /api/characters/{id}, GET /api/characters.</summary>
public static class CharactersApi
{
    public static Task<IResult> Put(HttpRequest request, string characterId, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request);
            var definition = await JsonBody.ReadRequiredAsync<CharacterDefinition>(request, ct);
            var profile = await Service(request).PutAsync(characterId, definition, IfMatch(request), ct);
            return WithETag(request, profile);
        });

    public static Task<IResult> Get(HttpRequest request, string characterId, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request);
            return WithETag(request, await Service(request).GetAsync(characterId, ct));
        });

    public static Task<IResult> List(HttpRequest request, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request);
            var profiles = await Service(request).ListAsync(ct);
            return ApiResults.Ok(profiles.Select(CharacterResponse.From).ToList());
        });

    public static Task<IResult> Delete(HttpRequest request, string characterId, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request);
            await Service(request).DeleteAsync(characterId, ct);
            return Results.NoContent();
        });

    private static CharacterService Service(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<CharacterService>();

    private static IResult WithETag(HttpRequest request, CharacterProfile profile)
    {
        request.HttpContext.Response.Headers.ETag = Quoted(profile.ETag);
        return ApiResults.Ok(CharacterResponse.From(profile));
    }

    /// <summary>The If-Match value without quotes or weak prefix (the store compares bare etags).</summary>
    private static string? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        value = value.Trim('"');
        return value.Length == 0 || value == "*" ? null : value;
    }

    // ETag headers are quoted strings (RFC 9110); the body carries the bare value.
    private static string Quoted(string etag) => etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal) ? etag : $"\"{etag}\"";
}
