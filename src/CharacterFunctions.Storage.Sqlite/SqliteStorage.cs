using CharacterFunctions.Roleplay.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Storage.Sqlite;

/// <summary>Registers the SQLite stores (one shared database) for the local host.</summary>
public static class SqliteStorage
{
    public static IServiceCollection AddSqliteStores(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.AddSingleton(_ => new SqliteDatabase(connectionString));
        services.AddSingleton<ICharacterStore, SqliteCharacterStore>();
        services.AddSingleton<ISessionStore, SqliteSessionStore>();
        services.AddSingleton<SqliteIdempotencyStore>();
        // A process that owns its database alone keeps in-flight claims in memory: a turn is then one write.
        services.AddSingleton<IIdempotencyStore>(sp => sp.GetService<IOptions<ClaimLeaseOptions>>()?.Value.SoleOwner == true
            ? new SoleOwnerClaims(sp.GetRequiredService<SqliteIdempotencyStore>())
            : sp.GetRequiredService<SqliteIdempotencyStore>());
        services.AddSingleton<ISessionActorStateStore, SqliteActorStateStore>();
        return services;
    }
}
