using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// JSON results with the product's serializer options, whatever the host configured. Typed
/// (<see cref="JsonHttpResult{TValue}"/>), so a handler test can read the status and the value.
/// </summary>
internal static class ApiResults
{
    public static JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, ApiJson.Options);

    public static JsonHttpResult<T> Json<T>(T value, int statusCode) => TypedResults.Json(value, ApiJson.Options, statusCode: statusCode);

    public static CreatedJsonResult<T> Created<T>(string location, T value) => new(location, value);
}
