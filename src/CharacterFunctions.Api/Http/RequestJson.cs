using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// The one strict reader of JSON a client sends (HTTP request bodies of both hosts, Service Bus event
/// bodies): valid UTF-8 throughout, property names exactly as documented (case-sensitive, no
/// duplicates, no unknown ones: a typo such as <c>tempreature</c> must not be silently ignored) and
/// numbers as JSON numbers. Stored records keep the lenient <see cref="RoleplayJson"/> shape.
/// </summary>
public static class RequestJson
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>The value of <typeparamref name="T"/>, or null for the JSON literal null.</summary>
    /// <exception cref="RoleplayException">A validation problem whose <c>errors</c> say what is wrong and where.</exception>
    public static T? Deserialize<T>(ReadOnlyMemory<byte> utf8) where T : class
    {
        if (!Utf8.IsValid(utf8.Span))
        {
            throw Invalid("The request body is not valid UTF-8.", "Encode the whole body as UTF-8.",
                "body", "Invalid UTF-8 byte sequence.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw Malformed(exception);
        }

        using (document)
        {
            var unknown = UnknownMembers.Find(document.RootElement, Options.GetTypeInfo(typeof(T)));
            if (unknown.Count > 0)
            {
                throw new RoleplayException(ProblemKind.Validation, "The request body has unknown properties.",
                    $"Unknown properties: {string.Join(", ", unknown)}. Property names are case-sensitive; check the spelling against the API reference.",
                    unknown.ToDictionary(path => path, _ => new[] { "Unknown property." }));
            }
            try
            {
                return document.RootElement.Deserialize<T>(Options);
            }
            catch (JsonException exception)
            {
                throw Malformed(exception);
            }
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(RoleplayJson.Options)
        {
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static RoleplayException Malformed(JsonException exception)
    {
        // The path says where; the parser's message may quote input, so it is not echoed.
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
        return Invalid("The request body is not valid JSON for this operation.",
            "Fix the JSON syntax or the type of the named field (numbers must be JSON numbers, not strings).",
            EchoBounds.Value(field), "Malformed JSON, a duplicate property or a value of the wrong type.");
    }

    private static RoleplayException Invalid(string title, string detail, string field, string message) =>
        new(ProblemKind.Validation, title, detail, new Dictionary<string, string[]> { [field] = [message] });
}
