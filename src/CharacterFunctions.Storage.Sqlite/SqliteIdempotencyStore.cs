using CharacterFunctions.Roleplay.Storage;
using Microsoft.Data.Sqlite;

namespace CharacterFunctions.Storage.Sqlite;

/// <summary>Idempotency claims; the primary key makes the insert the arbiter of who owns an operation id.</summary>
public sealed class SqliteIdempotencyStore(SqliteDatabase database) : IIdempotencyStore
{
    private const string InFlight = "inFlight";
    private const string Completed = "completed";

    public Task<IdempotencyRecord?> TryClaimAsync(IdempotencyRecord claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using (var insert = SqliteDatabase.Command(connection, transaction,
                "INSERT INTO idempotency (session_id, operation_id, request_hash, status, result_json, claimed_at, owner, lease_until) " +
                "VALUES ($s, $o, $hash, $status, $result, $at, $owner, $lease) ON CONFLICT DO NOTHING",
                ("$s", claim.SessionId), ("$o", claim.OperationId), ("$hash", claim.RequestHash),
                ("$status", claim.Status == IdempotencyStatus.Completed ? Completed : InFlight),
                ("$result", claim.ResultJson), ("$at", claim.ClaimedAt.UtcTicks),
                ("$owner", claim.Owner), ("$lease", claim.LeaseUntil?.UtcTicks)))
            {
                if (await insert.ExecuteNonQueryAsync(ct) == 1)
                {
                    return null;
                }
            }

            // Same transaction: the existing row cannot vanish between the failed insert and this read.
            return await ReadAsync(connection, transaction, claim.SessionId, claim.OperationId, ct);
        }, ct);
    }

    public Task<bool> TryTakeOverAsync(IdempotencyRecord observed, IdempotencyRecord claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(claim);
        return database.WriteAsync(async (connection, transaction) =>
        {
            // IS compares NULL as a value: records from before leases have no owner or lease.
            await using var update = SqliteDatabase.Command(connection, transaction,
                "UPDATE idempotency SET claimed_at = $at, owner = $owner, lease_until = $lease " +
                "WHERE session_id = $s AND operation_id = $o AND status = $inFlight " +
                "AND claimed_at = $observedAt AND owner IS $observedOwner AND lease_until IS $observedLease",
                ("$s", observed.SessionId), ("$o", observed.OperationId), ("$inFlight", InFlight),
                ("$observedAt", observed.ClaimedAt.UtcTicks), ("$observedOwner", observed.Owner), ("$observedLease", observed.LeaseUntil?.UtcTicks),
                ("$at", claim.ClaimedAt.UtcTicks), ("$owner", claim.Owner), ("$lease", claim.LeaseUntil?.UtcTicks));
            return await update.ExecuteNonQueryAsync(ct) == 1;
        }, ct);
    }

    public Task<bool> RenewLeaseAsync(string sessionId, string operationId, string owner, DateTimeOffset leaseUntil, CancellationToken ct) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = SqliteDatabase.Command(connection, transaction,
                "UPDATE idempotency SET lease_until = $lease WHERE session_id = $s AND operation_id = $o AND status = $inFlight AND owner = $owner",
                ("$s", sessionId), ("$o", operationId), ("$inFlight", InFlight), ("$owner", owner), ("$lease", leaseUntil.UtcTicks));
            return await update.ExecuteNonQueryAsync(ct) == 1;
        }, ct);

    public Task CompleteAsync(string sessionId, string operationId, string resultJson, CancellationToken ct) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = SqliteDatabase.Command(connection, transaction,
                "UPDATE idempotency SET status = $completed, result_json = $result WHERE session_id = $s AND operation_id = $o",
                ("$s", sessionId), ("$o", operationId), ("$completed", Completed), ("$result", resultJson));
            if (await update.ExecuteNonQueryAsync(ct) != 1)
            {
                throw new InvalidOperationException($"No claim for operation '{operationId}' in session '{sessionId}'.");
            }

            return true;
        }, ct);

    public Task ReleaseAsync(string sessionId, string operationId, CancellationToken ct) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = SqliteDatabase.Command(connection, transaction,
                "DELETE FROM idempotency WHERE session_id = $s AND operation_id = $o AND status = $inFlight",
                ("$s", sessionId), ("$o", operationId), ("$inFlight", InFlight));
            return await delete.ExecuteNonQueryAsync(ct);
        }, ct);

    /// <summary>
    /// Inside a session commit's transaction: the operation's completed record, inserted or replacing its
    /// in-flight claim (whoever holds it: the commit's head check already decided the one writer).
    /// </summary>
    internal static async Task WriteCompletedAsync(SqliteConnection connection, SqliteTransaction transaction, IdempotencyRecord completed, CancellationToken ct)
    {
        await using var upsert = SqliteDatabase.Command(connection, transaction,
            "INSERT INTO idempotency (session_id, operation_id, request_hash, status, result_json, claimed_at, owner, lease_until) " +
            "VALUES ($s, $o, $hash, $completed, $result, $at, NULL, NULL) " +
            "ON CONFLICT (session_id, operation_id) DO UPDATE SET status = excluded.status, result_json = excluded.result_json, owner = NULL, lease_until = NULL",
            ("$s", completed.SessionId), ("$o", completed.OperationId), ("$hash", completed.RequestHash),
            ("$completed", Completed), ("$result", completed.ResultJson), ("$at", completed.ClaimedAt.UtcTicks));
        await upsert.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyCollection<string>> ListOperationIdsAsync(string sessionId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = SqliteDatabase.Command(connection, null,
            "SELECT operation_id FROM idempotency WHERE session_id = $s", ("$s", sessionId));
        await using var reader = await select.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    public async Task<IdempotencyRecord?> GetAsync(string sessionId, string operationId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await ReadAsync(connection, null, sessionId, operationId, ct);
    }

    private static async Task<IdempotencyRecord?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string sessionId, string operationId, CancellationToken ct)
    {
        await using var select = SqliteDatabase.Command(connection, transaction,
            "SELECT request_hash, status, result_json, claimed_at, owner, lease_until FROM idempotency WHERE session_id = $s AND operation_id = $o",
            ("$s", sessionId), ("$o", operationId));
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new IdempotencyRecord(
            sessionId,
            operationId,
            reader.GetString(0),
            reader.GetString(1) == Completed ? IdempotencyStatus.Completed : IdempotencyStatus.InFlight,
            reader.IsDBNull(2) ? null : reader.GetString(2),
            new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero))
        {
            Owner = reader.IsDBNull(4) ? null : reader.GetString(4),
            LeaseUntil = reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
        };
    }
}
