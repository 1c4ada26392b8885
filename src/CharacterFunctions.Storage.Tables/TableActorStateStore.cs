using System.Text.Json;
using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// Session-actor state in one partition ("actor"), for completeness: in Azure the Durable entity
/// keeps its own state, but a host running in-process actors on Tables can use this.
/// </summary>
public sealed class TableActorStateStore(TableStorage storage) : ISessionActorStateStore
{
    private const string Partition = "actor";
    private const string ActiveProperty = "Active";

    public async Task SaveAsync(SessionActorState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(state.SessionId, nameof(state));
        var table = await storage.GetTableAsync(TableStorage.ActorStatesTable, ct);
        var entity = new TableEntity(Partition, TableKeys.Escape(state.SessionId)) { [ActiveProperty] = state.Started && !state.Ended };
        EntityJson.Write(entity, JsonSerializer.Serialize(state, RoleplayJson.Options));
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    public async Task<SessionActorState?> LoadAsync(string sessionId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.ActorStatesTable, ct);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(sessionId), cancellationToken: ct);
        return entity.HasValue && entity.Value is not null ? Deserialize(entity.Value) : null;
    }

    public async Task<IReadOnlyList<SessionActorState>> LoadActiveAsync(CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.ActorStatesTable, ct);
        var states = new List<SessionActorState>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Active eq {true}"), cancellationToken: ct))
        {
            states.Add(Deserialize(entity));
        }

        return states;
    }

    private static SessionActorState Deserialize(TableEntity entity) =>
        JsonSerializer.Deserialize<SessionActorState>(EntityJson.Read(entity), RoleplayJson.Options)!;
}
