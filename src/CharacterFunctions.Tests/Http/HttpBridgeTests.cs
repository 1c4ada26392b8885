using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace CharacterFunctions.Tests.Http;

public sealed class HttpBridgeTests
{
    private static DefaultHttpContext Context(DurableClientAccessor accessor)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(accessor).BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
    }

    [Fact]
    public async Task Run_HandlerResult_IsWrittenToTheResponseAndTheWorkerGetsAnEmptyResult()
    {
        DefaultHttpContext http = Context(new DurableClientAccessor());

        IActionResult returned = await HttpBridge.Run(http.Request,
            () => Task.FromResult(Results.Json(new { status = "ok" }, statusCode: StatusCodes.Status201Created)));

        Assert.IsType<EmptyResult>(returned);
        Assert.Equal(StatusCodes.Status201Created, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        Assert.Contains("\"status\":\"ok\"", await new StreamReader(http.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Run_WithDurableClient_MakesTheClientCurrentWhileTheHandlerRuns()
    {
        var accessor = new DurableClientAccessor();
        DefaultHttpContext http = Context(accessor);
        DurableTaskClient client = new Mock<DurableTaskClient>("test").Object;
        DurableTaskClient? seen = null;

        await HttpBridge.Run(http.Request, accessor, client, () =>
        {
            seen = accessor.Client;
            return Task.FromResult(Results.NoContent());
        });

        Assert.Same(client, seen);
        Assert.Equal(StatusCodes.Status204NoContent, http.Response.StatusCode);
    }
}
