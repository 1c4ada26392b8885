namespace CharacterFunctions.Api.OpenApi;

/// <summary>
/// The route is served by the local host only (the Azure app has another way in, e.g. the game-events queue);
/// the operation carries <c>x-local-host-only: true</c>.
/// </summary>
public sealed record LocalHostOnlyMetadata
{
    public const string Extension = "x-local-host-only";
}
