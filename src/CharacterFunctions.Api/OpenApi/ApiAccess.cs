namespace CharacterFunctions.Api.OpenApi;

/// <summary>Who may call a route, as the reference states it; <see cref="Http.Callers"/> enforces it.</summary>
public enum ApiAccess
{
    /// <summary>No credentials (health).</summary>
    Anonymous,

    /// <summary>The operator key only (<c>x-functions-key</c> header or <c>code</c> query).</summary>
    Operator,

    /// <summary>A player's Bearer access token for this session, or the operator key.</summary>
    SessionCaller,
}

/// <summary>Endpoint metadata carrying <see cref="ApiAccess"/>; a route without it fails the reference test.</summary>
public sealed record ApiAccessMetadata(ApiAccess Access);
