using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>The background loop that renews one claim's lease while its work (a model call) runs.</summary>
internal sealed class ClaimLeaseRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ClaimLeaseRenewal(Func<string, string, CancellationToken, Task<bool>> renew, TimeSpan every, TimeProvider time, ILogger logger, string sessionId, string operationId)
    {
        _loop = Task.Run(() => RunAsync(renew, every, time, logger, sessionId, operationId, _stop.Token), CancellationToken.None);
    }

    private static async Task RunAsync(Func<string, string, CancellationToken, Task<bool>> renew, TimeSpan every, TimeProvider time, ILogger logger, string sessionId, string operationId, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stop);
                if (!await renew(sessionId, operationId, stop))
                {
                    // Completed, released or taken over: nothing left to keep alive.
                    logger.LogInformation("Session {SessionId} operation {OperationId}: claim no longer held by this process; lease renewal stops", sessionId, operationId);
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // One failed renewal is not fatal: the lease outlasts several renewal periods.
                logger.LogWarning(exception, "Session {SessionId} operation {OperationId}: could not renew the claim's lease", sessionId, operationId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
