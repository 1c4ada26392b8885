using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// The query string as logs may show it: values of credential-like parameters (<c>code</c>, the Azure
/// Functions key convention; <c>access_token</c>; anything named like a key, token, secret, signature or
/// password) become <c>***</c>. The API never reads credentials from the query, but clients send them anyway.
/// </summary>
public static class QueryRedaction
{
    public const string Mask = "***";

    private static readonly string[] SecretNameParts = ["key", "token", "secret", "sig", "password", "pwd", "auth", "credential"];

    public static bool IsSecretName(string name) =>
        name.Equals("code", StringComparison.OrdinalIgnoreCase)
        || SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>"?after=3&amp;code=***"; empty for no query. Names are kept (they say what was sent), values of secret ones are not.</summary>
    public static string Redact(QueryString query)
    {
        if (!query.HasValue || query.Value!.Length <= 1)
        {
            return "";
        }
        var pairs = query.Value[1..].Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=');
            var rawName = equals < 0 ? pair : pair[..equals];
            var name = Uri.UnescapeDataString(rawName.Replace('+', ' '));
            return IsSecretName(name) ? $"{rawName}={Mask}" : pair;
        });
        return "?" + string.Join('&', pairs);
    }
}
