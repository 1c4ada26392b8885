using CharacterFunctions.Roleplay.Storage;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
        services.AddSingleton<ISessionActorStateStore, SqliteActorStateStore>();
        return services;
    }
}
