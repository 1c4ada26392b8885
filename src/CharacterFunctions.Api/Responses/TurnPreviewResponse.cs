using System.Text.Json;
using CharacterFunctions.Roleplay.ModelApi;

namespace CharacterFunctions.Api.Responses;

/// <summary>
/// 200 body of POST /api/sessions/{id}/turns/preview: the model, the exact JSON body the model endpoint
/// would receive for the turn, and the non-secret headers sent with it (never the API key).
/// </summary>
public sealed record TurnPreviewResponse(string Model, JsonElement Request, IReadOnlyDictionary<string, string> Headers)
{
    public static TurnPreviewResponse From(ModelCall call, bool streaming)
    {
        var body = ModelWire.Body(call, streaming);
        using var document = JsonDocument.Parse(ModelWire.Serialize(body));
        var headers = ModelWire.Headers(call, streaming).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return new TurnPreviewResponse(body.Model, document.RootElement.Clone(), headers);
    }
}
