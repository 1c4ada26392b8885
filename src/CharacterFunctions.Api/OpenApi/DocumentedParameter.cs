using Microsoft.OpenApi;

namespace CharacterFunctions.Api.OpenApi;

/// <summary>
/// A query or header parameter a handler reads from the request itself (so the generator cannot see it),
/// declared next to the route so the reference lists it.
/// </summary>
public sealed record DocumentedParameter(string Name, ParameterLocation In, JsonSchemaType Type, string Description, bool Required = false);
