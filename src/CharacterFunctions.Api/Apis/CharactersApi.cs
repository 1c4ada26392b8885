using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Security;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api;

/// <summary>Operator routes on character profiles: PUT/GET/DELETE /api/characters/{id}, GET /api/characters.</summary>
public static class CharactersApi
{
    public static Task<IResult> Put(string characterId, HttpRequest request, CharacterService characters, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request, authentication);
            var definition = await JsonBody.ReadRequiredAsync<CharacterDefinition>(request, ct);
            var profile = await characters.PutAsync(characterId, definition, IfMatch(request), ct);
            return WithETag(request, profile);
        });

    public static Task<IResult> Get(string characterId, HttpRequest request, CharacterService characters, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request, authentication);
            return WithETag(request, await characters.GetAsync(characterId, ct));
        });

    public static Task<IResult> List(HttpRequest request, CharacterService characters, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request, authentication);
            var profiles = await characters.ListAsync(ct);
            return ApiResults.Ok(profiles.Select(CharacterResponse.From).ToList());
        });

    public static Task<IResult> Delete(string characterId, HttpRequest request, CharacterService characters, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request, authentication);
            await characters.DeleteAsync(characterId, ct);
            return TypedResults.NoContent();
        });

    private static IResult WithETag(HttpRequest request, CharacterProfile profile)
    {
        request.HttpContext.Response.Headers.ETag = Quoted(profile.ETag);
        return ApiResults.Ok(CharacterResponse.From(profile));
    }

    /// <summary>The If-Match value without quotes or weak prefix (the store compares bare etags); "*" as is; null when absent.</summary>
    private static string? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        value = value.Trim('"');
        return value.Length == 0 ? null : value;
    }

    // ETag headers are quoted strings (RFC 9110); the body carries the bare value.
    private static string Quoted(string etag) => etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal) ? etag : $"\"{etag}\"";
}
