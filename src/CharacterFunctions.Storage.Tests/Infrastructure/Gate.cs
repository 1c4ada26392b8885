namespace CharacterFunctions.Storage.Tests.Infrastructure;

/// <summary>
/// Holds one store call at a point the test chooses (after the inner store answered), so an interleaving
/// of a read and a write is exact instead of left to timing.
/// </summary>
public sealed class Gate
{
    // Bounds a wait so a broken interleaving fails the test instead of hanging the run.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the held call has its inner store's answer and waits.</summary>
    public Task Reached => _reached.Task.WaitAsync(Guard);

    public void Release() => _released.TrySetResult();

    internal async Task PassAsync()
    {
        _reached.TrySetResult();
        await _released.Task.WaitAsync(Guard);
    }
}
