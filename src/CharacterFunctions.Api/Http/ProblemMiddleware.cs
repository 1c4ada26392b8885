using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// The local host's safety net around the handlers: a request over the <see cref="RequestLimits"/>, an exception that escapes anything (routing,
/// binding) and an error status written without a body (an unknown route's 404, a 405) both become problem+json.
/// </summary>
public static class ProblemMiddleware
{
    public static IApplicationBuilder UseCharacterFunctionsProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (RequestLimits.Violation(context.Request) is { } violation)
            {
                await Problems.WriteAsync(context, violation);
                return;
            }
            try
            {
                await next(context);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away (e.g. closed a long poll): nobody to answer, nothing went wrong.
                return;
            }
            catch (Exception exception) when (!context.Response.HasStarted && ApiHandler.ToProblem(context, exception) is { } problem)
            {
                context.Response.Clear();
                await problem.ExecuteAsync(context);
                return;
            }

            var response = context.Response;
            if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null or 0 && string.IsNullOrEmpty(response.ContentType))
            {
                var status = response.StatusCode;
                await Problems.WriteAsync(context, status == StatusCodes.Status404NotFound
                    ? Problems.NotFoundRoute(context.Request.Path)
                    : Problems.ForStatus(status, $"{context.Request.Method} {context.Request.Path} failed with status {status}."));
            }
        });
}
