// STUBS written from the signatures read in microsoft/durabletask-dotnet and Azure/azure-functions-durable-extension.
// Used only by tools/FunctionsSignatureCheck where the real packages cannot be restored: NOT the real
// packages. A compile check of the app's use of these APIs, as exact as the signatures recorded here.
using System.Reflection;
namespace Microsoft.DurableTask
{
    public readonly struct TaskName
    {
        public TaskName(string name) { Name = name; }
        public string Name { get; }
        public static implicit operator TaskName(string name) => new(name);
        public override string ToString() => Name;
    }
    public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
    public class RetryPolicy
    {
        public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null) { }
    }
    public class TaskRetryOptions { public TaskRetryOptions(RetryPolicy p) { } }
    public record TaskOptions(TaskRetryOptions? Retry = null)
    {
        public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
    }
    public sealed class TaskFailedException : Exception
    {
        public TaskFailedException(string taskName, int taskId, Exception innerException) : base(taskName, innerException) { }
    }
    public abstract class TaskOrchestrationContext
    {
        public abstract T? GetInput<T>();
        public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);
        public virtual Entities.TaskOrchestrationEntityFeature Entities => throw new NotSupportedException();
    }
}
namespace Microsoft.DurableTask.Entities
{
    public readonly record struct EntityInstanceId
    {
        public EntityInstanceId(string name, string key) { Name = name.ToLowerInvariant(); Key = key; }
        public string Name { get; }
        public string Key { get; }
        public override string ToString() => $"@{Name}@{Key}";
    }
    public record SignalEntityOptions { public DateTimeOffset? SignalTime { get; init; } }
    public record CallEntityOptions;
    public abstract class TaskEntityContext
    {
        public abstract EntityInstanceId Id { get; }
        public abstract void SignalEntity(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null);
        public abstract string ScheduleNewOrchestration(TaskName name, object? input = null, StartOrchestrationOptions? options = null);
    }
    public abstract class TaskEntityState
    {
        public abstract bool HasState { get; }
        public abstract object? GetState(Type type);
        public abstract void SetState(object? state);
    }
    public abstract class TaskEntityOperation
    {
        public abstract string Name { get; }
        public abstract TaskEntityContext Context { get; }
        public abstract TaskEntityState State { get; }
        public abstract bool HasInput { get; }
        public abstract object? GetInput(Type inputType);
    }
    public interface ITaskEntity { ValueTask<object?> RunAsync(TaskEntityOperation operation); }
    // Minimal stand-in of the reflection dispatch (public instance method by name, ignore case, one input).
    public abstract class TaskEntity<TState> : ITaskEntity
    {
        protected TState State { get; set; } = default!;
        protected TaskEntityContext Context { get; private set; } = null!;
        public ValueTask<object?> RunAsync(TaskEntityOperation operation)
        {
            Context = operation.Context;
            State = operation.State.GetState(typeof(TState)) is TState s ? s : Activator.CreateInstance<TState>();
            MethodInfo method = GetType().GetMethod(operation.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                ?? throw new NotSupportedException(operation.Name);
            object?[] args = method.GetParameters().Select(p => operation.GetInput(p.ParameterType)).ToArray();
            object? result = method.Invoke(this, args);
            operation.State.SetState(State);
            return new(result);
        }
    }
    public abstract class TaskOrchestrationEntityFeature
    {
        public abstract Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null);
    }
}
namespace Microsoft.DurableTask.Client.Entities
{
    using Microsoft.DurableTask.Entities;
    public class EntityMetadata<TState>
    {
        private readonly TState? _state;
        public EntityMetadata(EntityInstanceId id, TState? state) { Id = id; _state = state; IncludesState = state is not null; }
        public EntityMetadata(EntityInstanceId id, TState? state, bool stateRequested) : this(id, state) { StateRequested = stateRequested; }
        public EntityInstanceId Id { get; }
        public bool StateRequested { get; }
        public bool IncludesState { get; }
        public TState State => IncludesState ? _state! : throw new InvalidOperationException();
    }
    public abstract class DurableEntityClient
    {
        protected DurableEntityClient(string name) { }
        public abstract Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null, CancellationToken cancellation = default);
        public abstract Task<EntityMetadata<T>?> GetEntityAsync<T>(EntityInstanceId id, bool includeState = true, CancellationToken cancellation = default);
    }
}
namespace Microsoft.DurableTask.Client
{
    public abstract class DurableTaskClient
    {
        protected DurableTaskClient(string name) { }
        public virtual Entities.DurableEntityClient Entities => throw new NotSupportedException();
    }
}
