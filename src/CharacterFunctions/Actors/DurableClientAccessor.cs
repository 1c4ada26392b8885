using Microsoft.DurableTask.Client;

namespace CharacterFunctions.Functions.Actors;

/// <summary>
/// The invocation's <see cref="DurableTaskClient"/>. The isolated worker hands the client only to functions
/// that declare a <c>[DurableClient]</c> parameter (it is not a DI service), so each such function calls
/// <see cref="Use"/> before calling the core; <see cref="DurableSessionActors"/> reads it from here.
/// It is kept in an <see cref="AsyncLocal{T}"/> so it flows down the invocation's async calls whatever
/// lifetime the core registers its services with, and never leaks into another invocation.
/// </summary>
public sealed class DurableClientAccessor
{
    private static readonly AsyncLocal<DurableTaskClient?> Current = new();

    /// <summary>Makes <paramref name="client"/> current for the calling async flow (and what it awaits).</summary>
    public void Use(DurableTaskClient client) => Current.Value = client ?? throw new ArgumentNullException(nameof(client));

    public DurableTaskClient Client => Current.Value ?? throw new InvalidOperationException(
        "No Durable client in this invocation: the function must declare a [DurableClient] DurableTaskClient " +
        "parameter and pass it to DurableClientAccessor.Use before calling the core services.");
}
