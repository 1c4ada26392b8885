using System.Collections.Concurrent;
using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// The Azure Table account behind all stores: table names (with an optional prefix so several
/// deployments or test runs can share an account) and create-if-missing done once per table.
/// </summary>
public sealed class TableStorage
{
    public const string CharactersTable = "Characters";
    /// <summary>Session heads, messages and idempotency records (an earlier version's separate <c>Idempotency</c> table is no longer read).</summary>
    public const string SessionsTable = "Sessions";
    public const string ActorStatesTable = "ActorStates";

    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public TableStorage(TableServiceClient service, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(service);
        prefix ??= "";
        // A bad prefix should fail at start-up, not on first use.
        if (PrefixProblem(prefix) is { } problem)
        {
            throw new ArgumentException(problem, nameof(prefix));
        }

        _service = service;
        _prefix = prefix;
    }

    /// <summary>
    /// Null when <paramref name="prefix"/> can start a table name, else why not: table names are alphanumeric and
    /// start with a letter, and the longest name here plus the prefix must stay within the 63-character limit.
    /// </summary>
    public static string? PrefixProblem(string prefix) =>
        prefix.Length > 0 && (!char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit) || prefix.Length > 40)
            ? "The table prefix must be up to 40 ASCII letters or digits, starting with a letter."
            : null;

    /// <summary>The client for <paramref name="table"/>, created in the account on first use.</summary>
    public async Task<TableClient> GetTableAsync(string table, CancellationToken ct)
    {
        var lazy = _tables.GetOrAdd(table, name => new Lazy<Task<TableClient>>(() => CreateAsync(_prefix + name)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            // Do not cache a failed creation (e.g. storage briefly unreachable); the next call retries.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(table, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var client = _service.GetTableClient(name);
        await client.CreateIfNotExistsAsync(CancellationToken.None);
        return client;
    }
}

/// <summary>Registers the Azure Table stores for the Functions app.</summary>
public static class TableStorageRegistration
{
    public static IServiceCollection AddTableStores(this IServiceCollection services, TableServiceClient client, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(services);
        var storage = new TableStorage(client, prefix);
        services.AddSingleton(storage);
        services.AddSingleton<ICharacterStore, TableCharacterStore>();
        services.AddSingleton<ISessionStore, TableSessionStore>();
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<ISessionActorStateStore, TableActorStateStore>();
        return services;
    }
}
