using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api.Http;

/// <summary>JSON results with the product's serializer options, whatever the host configured.</summary>
internal static class ApiResults
{
    public static IResult Ok<T>(T value) => Results.Json(value, ApiJson.Options);

    public static IResult Json<T>(T value, int statusCode) => Results.Json(value, ApiJson.Options, statusCode: statusCode);

    public static IResult Created<T>(string location, T value) => new CreatedJson<T>(location, value);

    private sealed class CreatedJson<T>(string location, T value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return Json(value, StatusCodes.Status201Created).ExecuteAsync(httpContext);
        }
    }
}
