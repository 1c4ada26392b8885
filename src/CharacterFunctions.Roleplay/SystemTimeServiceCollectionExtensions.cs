using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CharacterFunctions.Roleplay;

/// <summary>
/// The one registration of <see cref="TimeProvider"/>: system time, unless a host or test registered
/// its own first. Every Add* of the core calls it, so no host has to.
/// </summary>
public static class SystemTimeServiceCollectionExtensions
{
    public static IServiceCollection AddSystemTime(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
