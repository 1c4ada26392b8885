using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// An <see cref="IdempotencyRecord"/> as a row of its session's partition in the <c>Sessions</c> table
/// (<see cref="TableKeys.OperationRowKey"/>): written by the claim store and, completed, by a session commit.
/// </summary>
internal static class IdempotencyEntity
{
    public const string StatusProperty = "Status";
    public const string OwnerProperty = "Owner";
    public const string InFlight = "inFlight";
    private const string RequestHashProperty = "RequestHash";
    private const string ClaimedAtTicksProperty = "ClaimedAtTicks";
    private const string LeaseUntilTicksProperty = "LeaseUntilTicks";
    private const string Completed = "completed";

    public static string PartitionKey(string sessionId) => TableKeys.Escape(sessionId);

    public static string RowKey(string operationId) => TableKeys.OperationRowKey(operationId);

    public static bool IsInFlight(TableEntity entity) => entity.GetString(StatusProperty) == InFlight;

    public static TableEntity From(IdempotencyRecord record)
    {
        var entity = new TableEntity(PartitionKey(record.SessionId), RowKey(record.OperationId))
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

    /// <summary>The claim time, owner and lease of <paramref name="record"/> on <paramref name="entity"/>; absent ones removed.</summary>
    public static void SetLease(TableEntity entity, IdempotencyRecord record)
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

    /// <summary>The change that completes a claim in place, for a merge that leaves its hash, claim time, owner and lease as stored.</summary>
    public static TableEntity Completion(string sessionId, string operationId, string resultJson)
    {
        var entity = new TableEntity(PartitionKey(sessionId), RowKey(operationId)) { [StatusProperty] = Completed };
        EntityJson.Write(entity, resultJson);
        return entity;
    }

    /// <summary>A lease-only change, for a merge that leaves every other property as stored.</summary>
    public static TableEntity Lease(TableEntity current, DateTimeOffset leaseUntil) =>
        new(current.PartitionKey, current.RowKey) { [LeaseUntilTicksProperty] = leaseUntil.UtcTicks };

    public static IdempotencyRecord ToRecord(TableEntity entity, string sessionId, string operationId) =>
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
