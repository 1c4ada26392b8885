using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// Runs a handler body and turns its failures into problem details. Every public handler goes
/// through here, so an Azure Functions trigger that calls a handler gets the same errors as the
/// local host without any middleware of its own. Public so a host-specific handler can do the same.
/// </summary>
public static class ApiHandler
{
    public static async Task<IResult> Run(HttpRequest request, Func<Task<IResult>> body)
    {
        // Also here, not only in the local host's middleware: the Azure app has no such middleware.
        if (RequestLimits.Violation(request) is { } violation)
        {
            return Problems.Result(violation);
        }
        try
        {
            return await body();
        }
        catch (Exception exception) when (ToProblem(request.HttpContext, exception) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>Null for a cancelled request: there is nobody left to answer, so let it unwind.</summary>
    public static IResult? ToProblem(HttpContext context, Exception exception)
    {
        switch (exception)
        {
            case RoleplayException roleplay:
                if (roleplay.Kind is ProblemKind.BadGateway or ProblemKind.Unavailable or ProblemKind.GatewayTimeout)
                {
                    Logger(context).LogWarning("Request {Method} {Path} failed upstream: {Kind} {Code}",
                        context.Request.Method, context.Request.Path, roleplay.Kind, roleplay.Code);
                }
                return Problems.Result(roleplay);
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return null;
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return Problems.Result(JsonBody.TooLarge());
            default:
                Logger(context).LogError(exception, "Unhandled failure in {Method} {Path}", context.Request.Method, context.Request.Path);
                return Problems.Result(Problems.Unexpected());
        }
    }

    /// <summary>The problem body for a failure that can no longer change the status (a started stream).</summary>
    public static ProblemBody ToProblemBody(HttpContext context, Exception exception)
    {
        if (exception is RoleplayException roleplay)
        {
            return Problems.Body(roleplay);
        }
        Logger(context).LogError(exception, "Unhandled failure while streaming {Method} {Path}", context.Request.Method, context.Request.Path);
        return Problems.Unexpected();
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CharacterFunctions.Api");
}
