using CharacterFunctions.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CharacterFunctions.Api.OpenApi;

/// <summary>
/// The document's title, description and the two kinds of caller: the operator key (header, or the
/// Functions <c>code</c> query convention) and a player's session access token (Bearer).
/// </summary>
internal sealed class SecuritySchemes : IOpenApiDocumentTransformer
{
    public const string OperatorKeyHeader = "operatorKey";
    public const string OperatorKeyQuery = "operatorKeyQuery";
    public const string PlayerToken = "playerToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CharacterFunctions API",
            Version = "v1",
            Description = "Role-play sessions with Qwen-Character characters: characters, sessions, turns (JSON or "
                + "server-sent events), alternatives, long-polled transcripts and game events. Errors are RFC 9457 "
                + "application/problem+json. The reference for client developers is docs/api.md.",
        };
        // Servers depend on where the host runs; clients set their own base address.
        document.Servers = [];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OperatorKeyHeader] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Callers.FunctionKeyHeader,
            Description = "Operator (game server, tools): the function key in Azure, Auth__OperatorKey on the local host.",
        };
        document.Components.SecuritySchemes[OperatorKeyQuery] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = Callers.FunctionKeyQuery,
            Description = "The operator key as the Functions `code` query parameter; the header wins when both are sent.",
        };
        document.Components.SecuritySchemes[PlayerToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Player: the access token issued by POST /api/sessions, bound to one session and one player; it expires.",
        };
        return Task.CompletedTask;
    }
}
