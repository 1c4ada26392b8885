using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Api;

/// <summary>GET /api/health (anonymous): the host serves, and which model endpoint it talks to. No secrets.</summary>
public static class HealthApi
{
    public static Task<IResult> Get(HttpRequest request, CancellationToken ct) =>
        ApiHandler.Run(request, () =>
        {
            var services = request.HttpContext.RequestServices;
            var options = services.GetRequiredService<IOptions<ModelOptions>>().Value;
            var model = services.GetRequiredService<IChatModel>();
            var baseUrl = PublicForm(ModelEndpoint.ResolveBaseUrl(options));
            var health = new HealthResponse("ok", new HealthModel(baseUrl, model.IsOffline, options.DefaultModel));
            return Task.FromResult(ApiResults.Ok(health));
        });

    // A proxy URL may carry credentials (user:password@, ?api-key=); health shows only where it points.
    private static string PublicForm(Uri baseUrl) =>
        baseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
}
