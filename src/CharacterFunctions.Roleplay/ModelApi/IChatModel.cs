namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>The Qwen-Character chat endpoint (or the offline stand-in).</summary>
public interface IChatModel
{
    /// <summary>True for the offline stand-in that is used when no API key is configured.</summary>
    bool IsOffline { get; }

    Task<ModelResult> CompleteAsync(ModelCall call, CancellationToken ct);

    /// <summary>Streams with <c>stream: true</c> and <c>stream_options.include_usage</c>.</summary>
    IAsyncEnumerable<ModelStreamEvent> StreamAsync(ModelCall call, CancellationToken ct);
}
