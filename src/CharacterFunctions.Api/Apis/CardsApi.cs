using System.Text.Json;
using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Characters.Cards;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CharacterFunctions.Api;

/// <summary>Operator routes for Character Card V2/V3: POST /api/characters/import, GET /api/characters/{id}/card.</summary>
public static class CardsApi
{
    private const string PngType = "image/png";

    public static Task<IResult> Import(HttpRequest request, CardService cards, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request, authentication);
            var declaredPng = IsPng(request.ContentType);
            var limit = declaredPng || IsBinary(request.ContentType) ? CardLimits.MaxPngBytes : CardLimits.MaxJsonBytes;
            var body = await ReadBoundedAsync(request, limit, ct);
            if (body.Length == 0)
            {
                throw RoleplayException.Invalid("body", "Send the card as JSON or as a PNG (Content-Type: image/png).");
            }
            // A PNG sent without (or with a generic) content type is still a PNG.
            var png = declaredPng || PngCardReader.LooksLikePng(body);
            if (!png && !IsJsonOrUnset(request.ContentType))
            {
                throw new RoleplayException(ProblemKind.UnsupportedMediaType, "Unsupported media type.",
                    "Send the card as application/json or image/png.");
            }
            var id = request.Query["id"].ToString();
            var result = await cards.ImportAsync(body, png, id.Length == 0 ? null : id, ct);

            request.HttpContext.Response.Headers.ETag = $"\"{result.Character.ETag}\"";
            var response = new CardImportResponse(CharacterResponse.From(result.Character), result.Spec, result.UnsupportedFields);
            return result.Created
                ? ApiResults.Created($"/api/characters/{result.Character.Id}", response)
                : ApiResults.Ok(response);
        });

    public static Task<IResult> Export(string characterId, HttpRequest request, CharacterService characters, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            Callers.RequireOperator(request, authentication);
            var png = WantsPng(request);
            var profile = await characters.GetAsync(characterId, ct);
            var v3 = CardExporter.ToV3(profile).ToJsonString(CardJson);
            if (!png)
            {
                return Results.Content(v3, "application/json; charset=utf-8");
            }
            var v2 = CardExporter.ToV2(profile).ToJsonString(CardJson);
            return Results.File(PngCardWriter.Write(v2, v3), PngType, $"{profile.Id}.png");
        });

    // Cards are read by other apps: plain UTF-8 JSON, non-ASCII text unescaped.
    private static readonly JsonSerializerOptions CardJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool WantsPng(HttpRequest request)
    {
        var format = request.Query["format"].ToString();
        return format.ToLowerInvariant() switch
        {
            "png" => true,
            "json" => false,
            "" => request.Headers.Accept.ToString().Contains(PngType, StringComparison.OrdinalIgnoreCase),
            _ => throw RoleplayException.Invalid("format", "format must be 'json' or 'png'."),
        };
    }

    private static bool IsPng(string? contentType) => MediaType(contentType) is PngType;

    private static bool IsBinary(string? contentType) => MediaType(contentType) is null or "application/octet-stream";

    private static bool IsJsonOrUnset(string? contentType) =>
        MediaType(contentType) is not { } type || type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal)
        || type == "application/octet-stream";

    private static string? MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value is { } value ? value.ToLowerInvariant() : null;

    /// <summary>The body, refused with 413 as soon as it passes <paramref name="limit"/> (declared or read).</summary>
    private static async Task<byte[]> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }
        using var copy = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (copy.Length + read > limit)
            {
                throw TooLarge(limit);
            }
            copy.Write(chunk, 0, read);
        }
        return copy.ToArray();
    }

    private static RoleplayException TooLarge(int limit) =>
        new(ProblemKind.PayloadTooLarge, "Character card too large.",
            $"A card may be at most {limit / 1024} KB here (JSON {CardLimits.MaxJsonBytes / 1024} KB, PNG {CardLimits.MaxPngBytes / (1024 * 1024)} MB).");
}
