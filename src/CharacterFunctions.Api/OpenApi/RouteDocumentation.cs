using CharacterFunctions.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace CharacterFunctions.Api.OpenApi;

/// <summary>
/// The documentation of a route, written where it is mapped: who may call it, its parameters and its
/// problem responses. Handlers return <c>IResult</c>, so bodies are declared here for the generator.
/// </summary>
public static class RouteDocumentation
{
    // Every route can answer these (RequestLimits, ProblemMiddleware, ApiHandler).
    private static readonly int[] CommonProblems =
    [
        StatusCodes.Status414UriTooLong,
        StatusCodes.Status431RequestHeaderFieldsTooLarge,
        StatusCodes.Status500InternalServerError,
    ];

    public static RouteHandlerBuilder Access(this RouteHandlerBuilder route, ApiAccess access)
    {
        route.WithMetadata(new ApiAccessMetadata(access));
        return access == ApiAccess.Anonymous
            ? route.Problems()
            : route.Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
    }

    /// <summary>problem+json responses (RFC 9457, <see cref="ProblemBody"/>) for these statuses.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses.Concat(CommonProblems).Distinct())
        {
            route.Produces<ProblemBody>(status, Http.Problems.ContentType);
        }
        return route;
    }

    /// <summary>A JSON request body (any <c>*+json</c> type is accepted too; limits in <see cref="JsonBody"/>).</summary>
    public static RouteHandlerBuilder JsonBody<TBody>(this RouteHandlerBuilder route, bool optional = false) where TBody : notnull =>
        route.Accepts<TBody>(optional, "application/json")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Served by the local host only; the Azure app has no such function.</summary>
    public static RouteHandlerBuilder LocalHostOnly(this RouteHandlerBuilder route) => route.WithMetadata(new LocalHostOnlyMetadata());

    public static RouteHandlerBuilder Query(this RouteHandlerBuilder route, string name, JsonSchemaType type, string description) =>
        route.WithMetadata(new DocumentedParameter(name, ParameterLocation.Query, type, description));

    public static RouteHandlerBuilder Header(this RouteHandlerBuilder route, string name, string description) =>
        route.WithMetadata(new DocumentedParameter(name, ParameterLocation.Header, JsonSchemaType.String, description));
}
