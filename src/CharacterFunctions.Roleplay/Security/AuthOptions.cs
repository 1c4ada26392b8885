namespace CharacterFunctions.Roleplay.Security;

/// <summary>Bound from configuration section <c>Auth</c> (<c>Auth__OperatorKey</c>, <c>Auth__SessionTokenSecret</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The key operators present as <c>x-functions-key</c> on the local host; null disables operator access there.</summary>
    public string? OperatorKey { get; set; }

    /// <summary>Signs session access tokens; required.</summary>
    public string? SessionTokenSecret { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);
}
