using Azure.Core;
using Azure.Core.Pipeline;

namespace CharacterFunctions.Benchmarks.AzurePath;

/// <summary>
/// Counts every HTTP request the Table SDK sends (added per retry, so a retried call counts twice,
/// as the storage account bills it). Each is one billable storage transaction.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public int Reset() => Interlocked.Exchange(ref _requests, 0);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _requests);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _requests);
        return ProcessNextAsync(message, pipeline);
    }
}
