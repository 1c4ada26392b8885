using Azure;
using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// Idempotency records: partition = session, row = operation id. AddEntity is the claim (409 means
/// someone else holds it); later changes are conditional on the row's ETag.
/// </summary>
public sealed class TableIdempotencyStore(TableStorage storage) : IIdempotencyStore
{
    private const string RequestHashProperty = "RequestHash";
    private const string StatusProperty = "Status";
    private const string ClaimedAtTicksProperty = "ClaimedAtTicks";
    private const string OwnerProperty = "Owner";
    private const string LeaseUntilTicksProperty = "LeaseUntilTicks";
    private const string InFlight = "inFlight";
    private const string Completed = "completed";

    public async Task<IdempotencyRecord?> TryClaimAsync(IdempotencyRecord claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var table = await storage.GetTableAsync(TableStorage.IdempotencyTable, ct);
        var entity = ToEntity(claim);
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
                    return existing is null ? null : ToRecord(existing, claim.SessionId, claim.OperationId);
                }
            }
        }
    }

    public async Task<bool> TryTakeOverAsync(IdempotencyRecord observed, IdempotencyRecord claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(claim);
        var table = await storage.GetTableAsync(TableStorage.IdempotencyTable, ct);
        var current = await GetEntityAsync(table, observed.SessionId, observed.OperationId, ct);
        if (current is null || current.GetString(StatusProperty) != InFlight || ToRecord(current, observed.SessionId, observed.OperationId) != observed)
        {
            return false;
        }

        SetLease(current, claim);
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
        var table = await storage.GetTableAsync(TableStorage.IdempotencyTable, ct);
        var current = await GetEntityAsync(table, sessionId, operationId, ct);
        if (current is null || current.GetString(StatusProperty) != InFlight || current.GetString(OwnerProperty) != owner)
        {
            return false;
        }

        // Merge touches only the lease; the ETag makes a take-over or completion in between win.
        var lease = new TableEntity(current.PartitionKey, current.RowKey) { [LeaseUntilTicksProperty] = leaseUntil.UtcTicks };
        try
        {
            await table.UpdateEntityAsync(lease, current.ETag, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (TableErrors.IsLostRace(e) || e.Status == TableErrors.NotFound)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string sessionId, string operationId, string resultJson, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.IdempotencyTable, ct);
        var current = await GetEntityAsync(table, sessionId, operationId, ct)
            ?? throw new InvalidOperationException($"No claim for operation '{operationId}' in session '{sessionId}'.");
        var record = ToRecord(current, sessionId, operationId) with { Status = IdempotencyStatus.Completed, ResultJson = resultJson };
        await table.UpdateEntityAsync(ToEntity(record), ETag.All, TableUpdateMode.Replace, ct);
    }

    public async Task ReleaseAsync(string sessionId, string operationId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.IdempotencyTable, ct);
        var current = await GetEntityAsync(table, sessionId, operationId, ct);
        if (current is null || current.GetString(StatusProperty) != InFlight)
        {
            return;
        }

        try
        {
            // Conditional: a claim completed in the meantime must survive.
            await table.DeleteEntityAsync(current.PartitionKey, current.RowKey, current.ETag, ct);
        }
        catch (RequestFailedException e) when (e.Status is TableErrors.PreconditionFailed or TableErrors.NotFound)
        {
        }
    }

    public async Task<IdempotencyRecord?> GetAsync(string sessionId, string operationId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.IdempotencyTable, ct);
        var entity = await GetEntityAsync(table, sessionId, operationId, ct);
        return entity is null ? null : ToRecord(entity, sessionId, operationId);
    }

    private static async Task<TableEntity?> GetEntityAsync(TableClient table, string sessionId, string operationId, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(sessionId), TableKeys.Escape(operationId), cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    private static TableEntity ToEntity(IdempotencyRecord record)
    {
        var entity = new TableEntity(TableKeys.Escape(record.SessionId), TableKeys.Escape(record.OperationId))
        {
            [RequestHashProperty] = record.RequestHash,
            [StatusProperty] = record.Status == IdempotencyStatus.Completed ? Completed : InFlight,
        };
        SetLease(entity, record);
        if (record.ResultJson is not null)
        {
            EntityJson.Write(entity, record.ResultJson);
        }

        return entity;
    }

    private static void SetLease(TableEntity entity, IdempotencyRecord record)
    {
        entity[ClaimedAtTicksProperty] = record.ClaimedAt.UtcTicks;
        // Records from before leases have neither; absent properties read back as null.
        entity.Remove(OwnerProperty);
        entity.Remove(LeaseUntilTicksProperty);
        if (record.Owner is not null)
        {
            entity[OwnerProperty] = record.Owner;
        }
        if (record.LeaseUntil is { } leaseUntil)
        {
            entity[LeaseUntilTicksProperty] = leaseUntil.UtcTicks;
        }
    }

    private static IdempotencyRecord ToRecord(TableEntity entity, string sessionId, string operationId) =>
        new(
            sessionId,
            operationId,
            entity.GetString(RequestHashProperty) ?? "",
            entity.GetString(StatusProperty) == Completed ? IdempotencyStatus.Completed : IdempotencyStatus.InFlight,
            entity.ContainsKey("JsonParts") ? EntityJson.Read(entity) : null,
            new DateTimeOffset(entity.GetInt64(ClaimedAtTicksProperty) ?? 0, TimeSpan.Zero))
        {
            Owner = entity.GetString(OwnerProperty),
            LeaseUntil = entity.GetInt64(LeaseUntilTicksProperty) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
        };
}
