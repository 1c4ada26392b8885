using System.Globalization;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// The one place failures become RFC 9457 problem details. Handlers (both hosts) and the local host's
/// middleware render through here, so a status code or field never differs between entry points.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static int StatusCode(ProblemKind kind) => kind switch
    {
        ProblemKind.Validation => StatusCodes.Status400BadRequest,
        ProblemKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
        ProblemKind.Gone => StatusCodes.Status410Gone,
        ProblemKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ProblemKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ProblemKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ProblemKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ProblemKind.BadGateway => StatusCodes.Status502BadGateway,
        ProblemKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ProblemKind.GatewayTimeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The problem body of a core failure (also the data of an SSE <c>error</c> event).</summary>
    public static ProblemBody Body(RoleplayException exception)
    {
        var status = StatusCode(exception.Kind);
        return new ProblemBody(TypeUri(status), exception.Title, status, EchoBounds.Message(exception.Detail), Bounded(exception.Errors), exception.Code);
    }

    /// <summary>Anything that is not a <see cref="RoleplayException"/>: never the exception's own text.</summary>
    public static ProblemBody Unexpected() => new(
        TypeUri(StatusCodes.Status500InternalServerError),
        "Unexpected server error.",
        StatusCodes.Status500InternalServerError,
        "The server failed to process the request. It has been logged; retrying may help.");

    public static ProblemBody NotFoundRoute(string path) => ForStatus(StatusCodes.Status404NotFound, $"No API route matches '{EchoBounds.Value(path)}'.");

    /// <summary>A problem for a bare status the framework produced (405, an unmatched route...).</summary>
    public static ProblemBody ForStatus(int status, string detail) =>
        new(TypeUri(status), ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error", status, EchoBounds.Message(detail));

    public static IResult Result(RoleplayException exception) => new ProblemResult(Body(exception), exception.RetryAfter);

    public static IResult Result(ProblemBody body) => new ProblemResult(body, null);

    /// <summary>Writes a problem directly (middleware, status-code pages).</summary>
    public static Task WriteAsync(HttpContext context, ProblemBody body, TimeSpan? retryAfter = null) =>
        new ProblemResult(body, retryAfter).ExecuteAsync(context);

    /// <summary>Field keys and messages may quote client input (a duplicate id, an unknown member) too.</summary>
    private static IReadOnlyDictionary<string, string[]>? Bounded(IReadOnlyDictionary<string, string[]>? errors) =>
        errors?.ToDictionary(e => EchoBounds.Value(e.Key), e => e.Value.Select(EchoBounds.Message).ToArray());

    private static string TypeUri(int status) => $"https://httpstatuses.io/{status}";

    private sealed class ProblemResult(ProblemBody body, TimeSpan? retryAfter) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = body.Status;
            if (retryAfter is { } delay)
            {
                // Whole seconds, rounded up, so a client never retries early.
                var seconds = Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds));
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
            if (body.Status == StatusCodes.Status401Unauthorized)
            {
                // RFC 9110: a 401 names the scheme the client should use.
                response.Headers.WWWAuthenticate = "Bearer";
            }
            response.ContentType = ContentType;
            await System.Text.Json.JsonSerializer.SerializeAsync(response.Body, body, ApiJson.Options, httpContext.RequestAborted);
        }
    }
}

/// <summary>RFC 9457 body; <see cref="Errors"/> for validation, <see cref="Code"/> for provider rejections.</summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? Code = null);
