using Azure.Core;
using Azure.Core.Pipeline;

namespace CharacterFunctions.Benchmarks.AzurePath;

/// <summary>
/// Counts every HTTP request the Table SDK sends (added per retry, so a retried call counts twice,
/// as the storage account bills it). Each is one billable storage transaction.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly List<string> _seen = [];
    private readonly string _tablePrefix;

    /// <param name="tablePrefix">Left out of the recorded table names.</param>
    public StorageRequestCounter(string tablePrefix) => _tablePrefix = tablePrefix;

    /// <summary>Returns how many requests were sent since the last reset, and starts counting again.</summary>
    public int Reset() => Take().Count;

    /// <summary>The requests since the last reset ("METHOD table"), and starts recording again.</summary>
    public IReadOnlyList<string> Take()
    {
        lock (_seen)
        {
            var taken = _seen.ToArray();
            _seen.Clear();
            return taken;
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        // Path: /account/Table(PartitionKey='..',RowKey='..') or /account/Table()?$filter=.. or /account/$batch.
        var path = message.Request.Uri.Path;
        var table = path[(path.LastIndexOf('/') + 1)..];
        table = table.Contains('(', StringComparison.Ordinal) ? table[..table.IndexOf('(', StringComparison.Ordinal)] : table;
        var entry = $"{message.Request.Method} {table.Replace(_tablePrefix, "", StringComparison.Ordinal)}";
        lock (_seen)
        {
            _seen.Add(entry);
        }
    }
}
