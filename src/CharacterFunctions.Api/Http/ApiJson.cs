using System.Text.Json;
using CharacterFunctions.Roleplay.Serialization;

namespace CharacterFunctions.Api.Http;

/// <summary>JSON of HTTP and published bodies: the product's shape plus client-friendly UTC timestamps.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(RoleplayJson.Options);
        options.Converters.Add(new UtcTimestampJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
