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
using CharacterFunctions.Roleplay.Storage;
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
    /// ISessionActors; the default ISessionLock is replaced by registering one before or after this call,
    /// the polling ITranscriptWaiter (and its commit wake-up) by registering a waiter before it.
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

        var claims = configuration.GetSection(ClaimLeaseOptions.SectionName);
        services.AddOptions<ClaimLeaseOptions>()
            .Configure(options => BindClaimLease(claims, options))
            .Validate(options => options.RenewEvery > TimeSpan.Zero && options.Lease > options.RenewEvery * 2,
                "Claims:LeaseSeconds must be more than twice Claims:RenewSeconds, and both positive.")
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
        if (!services.Any(d => d.ServiceType == typeof(ITranscriptWaiter)))
        {
            // The polling waiter is also told of this instance's commits, which wake its waiters early.
            services.AddSingleton<PollingTranscriptWaiter>();
            services.AddSingleton<ITranscriptWaiter>(sp => sp.GetRequiredService<PollingTranscriptWaiter>());
            services.AddSingleton<ITranscriptObserver>(sp => sp.GetRequiredService<PollingTranscriptWaiter>());
        }

        services.TryAddSingleton<SessionCommitter>();
        services.TryAddSingleton<GenerationSteps>();
        services.TryAddSingleton<UnpromptedGeneration>();
        services.TryAddSingleton<CharacterService>();
        services.TryAddSingleton<CardService>();
        services.TryAddSingleton<SessionService>();
        services.TryAddSingleton<ClaimLease>();
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

    private static void BindClaimLease(IConfigurationSection section, ClaimLeaseOptions options)
    {
        if (ParseDouble(section["LeaseSeconds"]) is { } lease)
        {
            options.Lease = TimeSpan.FromSeconds(lease);
        }
        if (ParseDouble(section["RenewSeconds"]) is { } renew)
        {
            options.RenewEvery = TimeSpan.FromSeconds(renew);
        }
        if (section["SoleOwner"] is { Length: > 0 } sole)
        {
            options.SoleOwner = string.Equals(sole, "true", StringComparison.OrdinalIgnoreCase);
        }
    }

    // Like ParseInt: unparsable fails validation (a negative span) rather than meaning the default.
    private static double? ParseDouble(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : -1;

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
