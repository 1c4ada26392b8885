using System.Security.Cryptography;
using System.Text.Json;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Turns;

namespace CharacterFunctions.Roleplay.Turns;

/// <summary>Fingerprint of a turn request, to tell a retry (same hash) from a reused turnId (different hash).</summary>
public static class TurnRequestHash
{
    /// <summary>SHA-256 (hex) of the canonical JSON of the request without its turnId; <paramref name="playerId"/> is the resolved speaker.</summary>
    public static string Compute(TurnRequest request, string playerId)
    {
        var canonical = request with
        {
            TurnId = null,
            PlayerId = playerId,
            // Dictionaries serialise in insertion order; sort so {"1":..,"2":..} equals {"2":..,"1":..}.
            Options = request.Options is { LogitBias: { } bias } options
                ? options with { LogitBias = bias.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary() }
                : request.Options,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(canonical, RoleplayJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }
}
