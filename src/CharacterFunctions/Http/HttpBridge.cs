using CharacterFunctions.Functions.Actors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace CharacterFunctions.Functions.Http;

/// <summary>
/// Runs a shared handler (<c>CharacterFunctions.Api</c>) inside a function. The ASP.NET Core integration
/// executes returned <see cref="IActionResult"/>s but not minimal-API <see cref="IResult"/>s
/// (FunctionsHttpProxyingMiddleware only checks for IActionResult), so the handler's result is executed
/// here against the real HttpContext and an <see cref="EmptyResult"/> tells the worker the response is
/// already written.
/// </summary>
public static class HttpBridge
{
    public static async Task<IActionResult> Run(HttpRequest request, Func<Task<IResult>> handler)
    {
        IResult result = await handler();
        await result.ExecuteAsync(request.HttpContext);
        return new EmptyResult();
    }

    /// <summary>As <see cref="Run(HttpRequest, Func{Task{IResult}})"/>, with the invocation's Durable client made available to the core.</summary>
    public static Task<IActionResult> Run(HttpRequest request, DurableClientAccessor accessor, DurableTaskClient durable, Func<Task<IResult>> handler)
    {
        accessor.Use(durable);
        return Run(request, handler);
    }
}
