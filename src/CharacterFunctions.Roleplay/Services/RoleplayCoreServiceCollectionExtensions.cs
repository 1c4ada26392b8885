using System.Globalization;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Services;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// Root namespace so hosts find it with the other Add* calls of the core.
namespace CharacterFunctions.Roleplay;

public static class RoleplayCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the core: catalog, estimator, builder, validator, use-case services and session tokens.
    /// Hosts add the model client (AddCharacterModel), stores (AddSqliteStores / AddTableStores) and
    /// ISessionActors; the defaults for ISessionLock and ITranscriptWaiter are replaced by registering
    /// their own before or after this call.
    /// </summary>
    public static IServiceCollection AddRoleplayCore(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.SectionName);
        services.AddOptions<AuthOptions>()
            .Configure(options => BindAuth(auth, options))
            .Validate(options => !string.IsNullOrWhiteSpace(options.SessionTokenSecret), "Auth:SessionTokenSecret is required (it signs session access tokens).")
            .Validate(options => options.TokenLifetime > TimeSpan.Zero, "Auth:TokenLifetime must be a positive time span such as 24:00:00.")
            .ValidateOnStart();
        services.AddOptions<ModelOptions>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelCatalog>();
        services.TryAddSingleton<TokenEstimator>();
        services.TryAddSingleton<MessageBuilder>();
        services.TryAddSingleton(sp => new CharacterValidator(sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<IOptions<ModelOptions>>().Value));

        services.TryAddSingleton<SessionTokens>();
        services.TryAddSingleton<OperatorKey>();
        services.TryAddSingleton<ISessionLock, NoSessionLock>();
        services.TryAddSingleton<ITranscriptWaiter, PollingTranscriptWaiter>();

        services.TryAddSingleton<CharacterService>();
        services.TryAddSingleton<SessionService>();
        services.TryAddSingleton<TurnService>();
        services.TryAddSingleton<IdleContinuationService>();
        services.TryAddSingleton<EventReactionService>();
        services.TryAddSingleton<GameEventIntake>();
        return services;
    }

    // Bound by hand: the core does not take the configuration binder package for three values.
    private static void BindAuth(IConfigurationSection section, AuthOptions options)
    {
        if (section["OperatorKey"] is { Length: > 0 } operatorKey)
        {
            options.OperatorKey = operatorKey;
        }
        if (section["SessionTokenSecret"] is { Length: > 0 } secret)
        {
            options.SessionTokenSecret = secret;
        }
        if (section["TokenLifetime"] is { Length: > 0 } lifetime)
        {
            options.TokenLifetime = TimeSpan.TryParse(lifetime, CultureInfo.InvariantCulture, out var parsed) ? parsed : TimeSpan.Zero;
        }
    }
}
