using System.Text.Json.Serialization;
using CharacterFunctions.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the contract (Microsoft.AspNetCore.OpenApi), generated from the mapped
/// endpoints and their <see cref="RouteDocumentation"/>; served at <see cref="DocumentPath"/>.
/// </summary>
public static class CharacterFunctionsOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddCharacterFunctionsOpenApi(this IServiceCollection services)
    {
        // Schemas follow the JSON the handlers write (ApiJson): camelCase, enums as strings; numbers are
        // numbers only, because the strict request reader (RequestJson) refuses quoted ones.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.PropertyNamingPolicy = ApiJson.Options.PropertyNamingPolicy;
            json.SerializerOptions.DefaultIgnoreCondition = ApiJson.Options.DefaultIgnoreCondition;
            foreach (var converter in ApiJson.Options.Converters.Where(c => c is not UtcTimestampJsonConverter))
            {
                json.SerializerOptions.Converters.Add(converter);
            }
        });
        return services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer<SecuritySchemes>();
            options.AddOperationTransformer<OperationTransformer>();
            options.AddSchemaTransformer<OmittedNullsTransformer>();
        });
    }

    public static IEndpointConventionBuilder MapCharacterFunctionsOpenApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenApi("/openapi/{documentName}.json");
}
