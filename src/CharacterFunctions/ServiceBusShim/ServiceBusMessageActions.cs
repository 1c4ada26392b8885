using Azure.Messaging.ServiceBus;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// SHIM of the Service Bus worker extension's settlement type (public surface of
/// Microsoft.Azure.Functions.Worker.Extensions.ServiceBus 5.x: protected constructor for mocking, virtual
/// settlement methods). Compiled only with <c>ServiceBusShim=true</c>; such a build cannot be published, and
/// at run time every method refuses, because there is no host extension behind it.
/// </summary>
public class ServiceBusMessageActions
{
    protected ServiceBusMessageActions()
    {
    }

    public virtual Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
        => throw NotDeployable();

    public virtual Task AbandonMessageAsync(
        ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = default, CancellationToken cancellationToken = default)
        => throw NotDeployable();

    public virtual Task DeadLetterMessageAsync(
        ServiceBusReceivedMessage message,
        Dictionary<string, object>? propertiesToModify = default,
        string? deadLetterReason = default,
        string? deadLetterErrorDescription = default,
        CancellationToken cancellationToken = default)
        => throw NotDeployable();

    public virtual Task DeferMessageAsync(
        ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = default, CancellationToken cancellationToken = default)
        => throw NotDeployable();

    public virtual Task RenewMessageLockAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
        => throw NotDeployable();

    private static NotSupportedException NotDeployable() =>
        new("Service Bus shim: this build has no Service Bus extension (ServiceBusShim=true) and must not run in a host.");
}
