using Azure;
using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// Idempotency records as rows of their session's partition in the <c>Sessions</c> table (row key "o" +
/// operation id, see <see cref="TableKeys"/>), so a session commit can write an operation's completed record
/// in its own entity-group transaction (<see cref="SessionCommit.Completion"/>). AddEntity is the claim
/// (409 means someone else holds it); later changes are conditional on the row's ETag.
/// </summary>
public sealed class TableIdempotencyStore(TableStorage storage) : IIdempotencyStore
{
    public async Task<IdempotencyRecord?> TryClaimAsync(IdempotencyRecord claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var entity = IdempotencyEntity.From(claim);
        // A claim that was released between our failed insert and the read is simply retried.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await table.AddEntityAsync(entity, ct);
                return null;
            }
            catch (RequestFailedException e) when (e.Status == TableErrors.Conflict)
            {
                var existing = await GetEntityAsync(table, claim.SessionId, claim.OperationId, ct);
                if (existing is not null || attempt >= 3)
                {
                    return existing is null ? null : IdempotencyEntity.ToRecord(existing, claim.SessionId, claim.OperationId);
                }
            }
        }
    }

    public async Task<bool> TryTakeOverAsync(IdempotencyRecord observed, IdempotencyRecord claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(claim);
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var current = await GetEntityAsync(table, observed.SessionId, observed.OperationId, ct);
        if (current is null || !IdempotencyEntity.IsInFlight(current)
            || IdempotencyEntity.ToRecord(current, observed.SessionId, observed.OperationId) != observed)
        {
            return false;
        }

        IdempotencyEntity.SetLease(current, claim);
        try
        {
            // Conditional on the ETag read above: of racing take-overs (or a renewal) exactly one lands.
            await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (TableErrors.IsLostRace(e) || e.Status == TableErrors.NotFound)
        {
            return false;
        }
    }

    public async Task<bool> RenewLeaseAsync(string sessionId, string operationId, string owner, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var current = await GetEntityAsync(table, sessionId, operationId, ct);
        if (current is null || !IdempotencyEntity.IsInFlight(current) || current.GetString(IdempotencyEntity.OwnerProperty) != owner)
        {
            return false;
        }

        try
        {
            // Merge touches only the lease; the ETag makes a take-over or completion in between win.
            await table.UpdateEntityAsync(IdempotencyEntity.Lease(current, leaseUntil), current.ETag, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (TableErrors.IsLostRace(e) || e.Status == TableErrors.NotFound)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string sessionId, string operationId, string resultJson, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        try
        {
            // One request: a merge of the status and result keeps the claim's other properties; it needs the row to exist.
            await table.UpdateEntityAsync(IdempotencyEntity.Completion(sessionId, operationId, resultJson), ETag.All, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == TableErrors.NotFound)
        {
            throw new InvalidOperationException($"No claim for operation '{operationId}' in session '{sessionId}'.", e);
        }
    }

    public async Task ReleaseAsync(string sessionId, string operationId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var current = await GetEntityAsync(table, sessionId, operationId, ct);
        if (current is null || !IdempotencyEntity.IsInFlight(current))
        {
            return;
        }

        try
        {
            // Conditional: a claim completed in the meantime (by a commit, too) must survive.
            await table.DeleteEntityAsync(current.PartitionKey, current.RowKey, current.ETag, ct);
        }
        catch (RequestFailedException e) when (e.Status is TableErrors.PreconditionFailed or TableErrors.NotFound)
        {
        }
    }

    public async Task<IReadOnlyCollection<string>> ListOperationIdsAsync(string sessionId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Escape(sessionId)} and RowKey ge {TableKeys.OperationKeysStart} and RowKey lt {TableKeys.OperationKeysEnd}");
        var ids = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct))
        {
            ids.Add(TableKeys.OperationId(entity.RowKey));
        }
        return ids;
    }

    public async Task<IdempotencyRecord?> GetAsync(string sessionId, string operationId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var entity = await GetEntityAsync(table, sessionId, operationId, ct);
        return entity is null ? null : IdempotencyEntity.ToRecord(entity, sessionId, operationId);
    }

    private static async Task<TableEntity?> GetEntityAsync(TableClient table, string sessionId, string operationId, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            IdempotencyEntity.PartitionKey(sessionId), IdempotencyEntity.RowKey(operationId), cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }
}
