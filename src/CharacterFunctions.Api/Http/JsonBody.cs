using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// Reads request bodies with the product's JSON options and limits: at most <see cref="MaxBytes"/>
/// (413 beyond), a body declared as another media type is 415; the JSON itself is read strictly by
/// <see cref="RequestJson"/> (invalid UTF-8, unknown properties, quoted numbers: 400 problems).
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 256 * 1024;

    /// <summary>The body, or null when it is empty (or the JSON literal null).</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        var buffer = await ReadLimitedAsync(request.Body, ct);
        if (buffer.Length == 0 || buffer.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return null;
        }
        RequireJsonContentType(request);

        return RequestJson.Deserialize<T>(buffer);
    }

    /// <summary>The body; an empty one is a 400 with <c>errors.body</c>.</summary>
    public static async Task<T> ReadRequiredAsync<T>(HttpRequest request, CancellationToken ct) where T : class =>
        await ReadOptionalAsync<T>(request, ct) ?? throw RoleplayException.Invalid("body", "A JSON body is required.");

    /// <summary>
    /// A missing Content-Type is tolerated (hand-written clients often omit it); a declared non-JSON
    /// one (text/plain, a form, XML) is refused, so a client bug is not silently read as JSON.
    /// </summary>
    private static void RequireJsonContentType(HttpRequest request)
    {
        var declared = request.ContentType;
        if (string.IsNullOrWhiteSpace(declared))
        {
            return;
        }
        if (MediaTypeHeaderValue.TryParse(declared, out var mediaType) && mediaType.MediaType.Value is { } value
            && (value.Equals("application/json", StringComparison.OrdinalIgnoreCase) || value.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        throw new RoleplayException(ProblemKind.UnsupportedMediaType, "Unsupported media type.",
            "Send the body as JSON with Content-Type: application/json.");
    }

    internal static RoleplayException TooLarge() =>
        new(ProblemKind.PayloadTooLarge, "Request body too large.", $"Request bodies are limited to {MaxBytes / 1024} KB.");

    private static async Task<byte[]> ReadLimitedAsync(Stream body, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (copy.Length + read > MaxBytes)
            {
                throw TooLarge();
            }
            copy.Write(chunk, 0, read);
        }
        return copy.ToArray();
    }
}
