using System.Globalization;
using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Continuations;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Nudges;
using CharacterFunctions.Roleplay.OneOff;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// Root namespace so hosts find it with the other Add* calls of the core.
namespace CharacterFunctions.Roleplay;

public static class RoleplayCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the core: catalog, estimator, builder, validator, use-case services, session tokens, and
    /// the one <see cref="TimeProvider"/> (system time) unless a host or test registered another first.
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
        var sessions = configuration.GetSection(SessionDefaults.SectionName);
        services.AddOptions<SessionDefaults>()
            .Configure(options => BindSessionDefaults(sessions, options))
            .Validate(options => options.DefaultIdle.AfterSeconds is >= 0 and <= SessionService.MaxIdleSeconds
                                 && options.DefaultIdle.MaxNudges is >= 0 and <= SessionService.MaxNudges,
                $"Sessions:DefaultIdle needs AfterSeconds 0..{SessionService.MaxIdleSeconds} and MaxNudges 0..{SessionService.MaxNudges}.")
            .ValidateOnStart();

        services.AddSystemTime();
        services.TryAddSingleton(sp => new ModelCatalog(sp.GetRequiredService<IOptions<ModelOptions>>().Value));
        services.TryAddSingleton<TokenEstimator>();
        services.TryAddSingleton<MessageBuilder>();
        services.TryAddSingleton(sp => new CharacterValidator(sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<IOptions<ModelOptions>>().Value));

        services.TryAddSingleton<SessionTokens>();
        services.TryAddSingleton<OperatorKey>();
        services.TryAddSingleton<CallerAuthentication>();
        services.TryAddSingleton<ISessionLock, NoSessionLock>();
        services.TryAddSingleton<ITranscriptWaiter, PollingTranscriptWaiter>();

        services.TryAddSingleton<SessionCommitter>();
        services.TryAddSingleton<GenerationSteps>();
        services.TryAddSingleton<UnpromptedGeneration>();
        services.TryAddSingleton<CharacterService>();
        services.TryAddSingleton<CardService>();
        services.TryAddSingleton<SessionService>();
        services.TryAddSingleton<TurnIdempotency>();
        services.TryAddSingleton<TurnService>();
        services.TryAddSingleton<AlternativesService>();
        services.TryAddSingleton<ContinuationService>();
        services.TryAddSingleton<OneOffGenerationService>();
        services.TryAddSingleton<IdleContinuationService>();
        services.TryAddSingleton<EventReactionService>();
        services.TryAddSingleton<GameEventIntake>();
        return services;
    }

    private static void BindSessionDefaults(IConfigurationSection section, SessionDefaults options)
    {
        var after = ParseInt(section["DefaultIdle:AfterSeconds"]) ?? 0;
        // Like a session's own idle object: one nudge unless told otherwise.
        var nudges = ParseInt(section["DefaultIdle:MaxNudges"]) ?? (after > 0 ? 1 : 0);
        options.DefaultIdle = new IdlePolicy(after, nudges);
    }

    // An unparsable number fails validation at start instead of silently meaning zero.
    private static int? ParseInt(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;

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
