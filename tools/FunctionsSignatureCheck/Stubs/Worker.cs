// STUBS of the Microsoft.Azure.Functions.Worker.* and Azure.Messaging.ServiceBus types the app uses, written from
// the signatures listed in src/CharacterFunctions/API-SOURCES.md. Used only by tools/FunctionsSignatureCheck
// where the real packages cannot be restored; NOT the real packages.
namespace Microsoft.Azure.Functions.Worker
{
    using global::Azure.Core.Serialization;
    using global::Azure.Messaging.ServiceBus;
    [AttributeUsage(AttributeTargets.Method)] public sealed class FunctionAttribute(string name) : Attribute { public string Name => name; }
    public enum AuthorizationLevel { Anonymous, User, Function, System, Admin }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods) : Attribute
    { public AuthorizationLevel AuthLevel => authLevel; public string[]? Methods => methods; public string? Route { get; set; } }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class EntityTriggerAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class OrchestrationTriggerAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class ActivityTriggerAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class DurableClientAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class ServiceBusTriggerAttribute(string queueName) : Attribute
    { public string QueueName => queueName; public string? Connection { get; set; } public bool AutoCompleteMessages { get; set; } }
    public class TaskEntityDispatcher
    {
        public Task DispatchAsync<T>() => Task.CompletedTask;
    }
    public class WorkerOptions { public ObjectSerializer? Serializer { get; set; } }
    public class ServiceBusMessageActions
    {
        protected ServiceBusMessageActions() { }
        public virtual Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public virtual Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = default, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public virtual Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, Dictionary<string, object>? propertiesToModify = default, string? deadLetterReason = default, string? deadLetterErrorDescription = default, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
namespace Azure.Messaging.ServiceBus
{
    public class ServiceBusReceivedMessage
    {
        internal ServiceBusReceivedMessage(BinaryData body, string? messageId) { Body = body; MessageId = messageId!; }
        public BinaryData Body { get; }
        public string MessageId { get; }
    }
    public static class ServiceBusModelFactory
    {
        public static ServiceBusReceivedMessage ServiceBusReceivedMessage(BinaryData? body = null, string? messageId = null, string? partitionKey = null, int deliveryCount = 0)
            => new(body ?? new BinaryData(Array.Empty<byte>()), messageId);
    }
    public class ServiceBusMessage
    {
        public ServiceBusMessage(BinaryData body) { Body = body; }
        public BinaryData Body { get; set; }
        public string? MessageId { get; set; }
        public string? CorrelationId { get; set; }
        public string? ContentType { get; set; }
        public string? Subject { get; set; }
        public IDictionary<string, object> ApplicationProperties { get; } = new Dictionary<string, object>();
    }
    public class ServiceBusSender
    {
        protected ServiceBusSender() { }
        public virtual Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
    public class ServiceBusClient
    {
        public ServiceBusClient(string connectionString) { }
        public ServiceBusClient(string? fullyQualifiedNamespace, Azure.Core.TokenCredential credential) { }
        public virtual ServiceBusSender CreateSender(string queueOrTopicName) => null!;
    }
}
