using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// SHIM of the Service Bus worker extension's trigger attribute (public surface of
/// Microsoft.Azure.Functions.Worker.Extensions.ServiceBus 5.x), compiled only with <c>ServiceBusShim=true</c>
/// where that package cannot be restored. The metadata generator reads it like the real one.
/// </summary>
/// <remarks>
/// <see cref="IsBatched"/> must carry the abstractions' <c>[DefaultValue(false)]</c>: the generator's cardinality check reads
/// the default from that attribute and, without it, crashes (CS8785) and emits no function metadata.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ServiceBusTriggerAttribute : TriggerBindingAttribute, ISupportCardinality
{
    public ServiceBusTriggerAttribute(string queueName) => QueueName = queueName;

    public ServiceBusTriggerAttribute(string topicName, string subscriptionName)
    {
        TopicName = topicName;
        SubscriptionName = subscriptionName;
    }

    public string? Connection { get; set; }

    public string? QueueName { get; }

    public string? TopicName { get; }

    public string? SubscriptionName { get; }

    public bool IsSessionsEnabled { get; set; }

    [DefaultValue(true)]
    public bool AutoCompleteMessages { get; set; } = true;

    [DefaultValue(false)]
    public bool IsBatched { get; set; }

    Cardinality ISupportCardinality.Cardinality
    {
        get => IsBatched ? Cardinality.Many : Cardinality.One;
        set => IsBatched = value == Cardinality.Many;
    }
}
