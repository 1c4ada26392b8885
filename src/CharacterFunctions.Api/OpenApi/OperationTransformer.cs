using System.Text.Json.Nodes;
using CharacterFunctions.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CharacterFunctions.Api.OpenApi;

/// <summary>
/// Turns the route metadata of <see cref="RouteDocumentation"/> into the operation: security requirement,
/// parameters the handler reads itself, and the SSE media type.
/// </summary>
internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<ApiAccessMetadata>().LastOrDefault() is { } access)
        {
            operation.Security = Requirements(access.Access, context.Document);
        }

        if (metadata.OfType<LocalHostOnlyMetadata>().Any())
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[LocalHostOnlyMetadata.Extension] = new JsonNodeExtension(JsonValue.Create(true));
        }

        foreach (var parameter in metadata.OfType<DocumentedParameter>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.In,
                Required = parameter.Required,
                Description = parameter.Description,
                Schema = new OpenApiSchema { Type = parameter.Type },
            });
        }

        if (metadata.OfType<EventStreamMetadata>().LastOrDefault() is { } stream
            && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[ServerSentEvents.ContentType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = stream.Description },
            };
        }
        return Task.CompletedTask;
    }

    private static List<OpenApiSecurityRequirement> Requirements(ApiAccess access, OpenApiDocument? document) => access switch
    {
        ApiAccess.Anonymous => [],
        ApiAccess.Operator => OperatorKey(document),
        ApiAccess.SessionCaller => [.. OperatorKey(document), Requirement(SecuritySchemes.PlayerToken, document)],
        _ => throw new InvalidOperationException($"Unknown access {access}."),
    };

    // Either the header or the query parameter: separate requirements are alternatives in OpenAPI.
    private static List<OpenApiSecurityRequirement> OperatorKey(OpenApiDocument? document) =>
        [Requirement(SecuritySchemes.OperatorKeyHeader, document), Requirement(SecuritySchemes.OperatorKeyQuery, document)];

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
