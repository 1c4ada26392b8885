using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Storage.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Root namespace so hosts find it with the other Add* calls of the core.
namespace CharacterFunctions.Roleplay;

/// <summary>
/// Wraps the registered stores in <see cref="CachedSessionStore"/> / <see cref="CachedCharacterStore"/>. Call
/// after the stores are registered. Which host caches what (and why Azure caches no heads) is in
/// docs/performance.md.
/// </summary>
public static class StoreCachingServiceCollectionExtensions
{
    public const int SessionHeadEntries = 10_000;
    public const int CharacterEntries = 1_000;

    /// <summary>Sessions whose newest messages are kept (each up to <see cref="TranscriptTail.MaxMessages"/>): the recently active ones.</summary>
    public const int TranscriptTailSessions = 128;

    /// <summary>Exact head and transcript-tail cache: only for a process that is the sole writer of its store.</summary>
    public static IServiceCollection CacheSessionHeads(this IServiceCollection services, int maxEntries = SessionHeadEntries) =>
        Decorate<ISessionStore>(services, (inner, sp) =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            return new CachedSessionStore(inner, new StampedCache<string, SessionRecord>(maxEntries, time),
                new StampedCache<string, TranscriptTail>(Math.Min(maxEntries, TranscriptTailSessions), time));
        });

    /// <param name="maxAge">Null for an exact cache (sole writer); else how stale a profile may be served.</param>
    public static IServiceCollection CacheCharacters(this IServiceCollection services, TimeSpan? maxAge, int maxEntries = CharacterEntries) =>
        Decorate<ICharacterStore>(services, (inner, sp) =>
            new CachedCharacterStore(inner, new StampedCache<string, CharacterProfile>(maxEntries, sp.GetRequiredService<TimeProvider>(), maxAge)));

    /// <summary>Character cache aged by <see cref="CharacterCacheSettings"/>; none when it is 0. Bad values throw here, at start-up.</summary>
    public static IServiceCollection CacheCharacters(this IServiceCollection services, IConfiguration configuration) =>
        CharacterCacheSettings.MaxAge(configuration) is { } maxAge ? services.CacheCharacters(maxAge) : services;

    private static IServiceCollection Decorate<TService>(IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        var index = -1;
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(TService) && !services[i].IsKeyedService)
            {
                index = i;
            }
        }
        if (index < 0 || services[index].Lifetime != ServiceLifetime.Singleton)
        {
            throw new InvalidOperationException($"Register the {typeof(TService).Name} as a singleton before caching it.");
        }

        var registered = services[index];
        services[index] = ServiceDescriptor.Singleton(sp => decorate(Resolve<TService>(registered, sp), sp));
        return services;
    }

    private static TService Resolve<TService>(ServiceDescriptor registered, IServiceProvider sp) where TService : class =>
        registered.ImplementationInstance as TService
        ?? (registered.ImplementationFactory is { } factory
            ? (TService)factory(sp)
            : (TService)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
}
