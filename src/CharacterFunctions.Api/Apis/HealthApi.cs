using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Api;

/// <summary>GET /api/health (anonymous): the host serves, and which model endpoint it talks to. No secrets.</summary>
public static class HealthApi
{
    public static Task<IResult> Get(HttpRequest request, IOptions<ModelOptions> modelOptions, IChatModel model) =>
        ApiHandler.Run(request, () =>
        {
            var options = modelOptions.Value;
            var baseUrl = PublicForm(ModelEndpoint.ResolveBaseUrl(options));
            var health = new HealthResponse("ok", new HealthModel(baseUrl, model.IsOffline, options.DefaultModel));
            return Task.FromResult<IResult>(ApiResults.Ok(health));
        });

    // A proxy URL may carry credentials (user:password@, ?api-key=); health shows only where it points.
    private static string PublicForm(Uri baseUrl) =>
        baseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
}
