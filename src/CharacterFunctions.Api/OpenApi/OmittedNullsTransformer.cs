using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CharacterFunctions.Api.OpenApi;

/// <summary>
/// Responses omit null members (ApiJson writes nulls as absent), so a property that can be null is
/// never required in the schema; the others stay required.
/// </summary>
internal sealed class OmittedNullsTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Required is not { Count: > 0 } required)
        {
            return Task.CompletedTask;
        }
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            var nullable = property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null;
            if (nullable)
            {
                required.Remove(property.Name);
            }
        }
        return Task.CompletedTask;
    }
}
