using CharacterFunctions.Roleplay.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>Registers the model client for both hosts.</summary>
public static class ModelApiServiceCollectionExtensions
{
    /// <summary>The configuration key used when <c>Model:ApiKey</c> is absent (an environment variable).</summary>
    public const string ApiKeyFallbackKey = "DASHSCOPE_API_KEY";

    /// <summary>
    /// Binds <see cref="ModelOptions"/> from section <c>Model</c> (API key falling back to
    /// <c>DASHSCOPE_API_KEY</c>), validates it at start-up and registers <see cref="IChatModel"/>:
    /// the typed <see cref="QwenCharacterClient"/> when an API key or an explicit <c>Model:BaseUrl</c> is
    /// configured, else the <see cref="StandInChatModel"/>. The choice is made when <see cref="IChatModel"/>
    /// is resolved, so options configured later (tests pointing at a fake server) are honoured.
    /// </summary>
    public static IServiceCollection AddCharacterModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSystemTime();
        services.AddOptions<ModelOptions>()
            .Bind(configuration.GetSection(ModelOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    var fallback = configuration[ApiKeyFallbackKey];
                    options.ApiKey = string.IsNullOrWhiteSpace(fallback) ? null : fallback.Trim();
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());

        // The client bounds its own time (attempt and total timeouts); HttpClient's 100 s default must not cut in.
        // Pooled connections are recycled so DNS changes of the provider are picked up.
        services.AddHttpClient<QwenCharacterClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            });
        services.TryAddSingleton<StandInChatModel>();
        services.TryAddTransient<IChatModel>(provider =>
            UsesStandIn(provider.GetRequiredService<IOptions<ModelOptions>>().Value)
                ? provider.GetRequiredService<StandInChatModel>()
                : provider.GetRequiredService<QwenCharacterClient>());
        return services;
    }

    /// <summary>
    /// Offline only when nothing points at a model: no key and no explicit endpoint. A configured
    /// BaseUrl without a key is a keyless OpenAI-compatible server (a proxy, a local fake) and is called,
    /// without an Authorization header.
    /// </summary>
    public static bool UsesStandIn(ModelOptions options) =>
        string.IsNullOrWhiteSpace(options.ApiKey) && string.IsNullOrWhiteSpace(options.BaseUrl);
}
