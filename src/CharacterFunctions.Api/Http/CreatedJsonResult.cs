using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// 201 with a Location header and a body in the product's JSON options (TypedResults.Created would use
/// the host's options instead).
/// </summary>
public sealed class CreatedJsonResult<T>(string location, T value) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public string Location { get; } = location;
    public T Value { get; } = value;
    public int StatusCode => StatusCodes.Status201Created;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    object? IValueHttpResult.Value => Value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = Location;
        return ApiResults.Json(Value, StatusCode).ExecuteAsync(httpContext);
    }
}
