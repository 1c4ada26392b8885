using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// Structured log events of model calls. They carry the session header, model, status, attempt,
/// request id and duration — never message content and never the API key.
/// </summary>
internal static partial class ModelCallLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Model call succeeded: session {Session}, model {Model}, status {Status}, attempts {Attempts}, request {RequestId}, {DurationMs:F0} ms")]
    public static partial void Succeeded(ILogger logger, string session, string model, int status, int attempts, string? requestId, double durationMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Model call failed ({FailureKind}): session {Session}, model {Model}, status {Status}, code {Code}, attempts {Attempts}, request {RequestId}, {DurationMs:F0} ms")]
    public static partial void Failed(ILogger logger, ModelFailureKind failureKind, string session, string model, int? status, string? code, int attempts, string? requestId, double durationMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "Model call retrying: session {Session}, model {Model}, status {Status}, error {ErrorType}, attempt {Attempt} failed, next in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, string session, string model, int? status, string? errorType, int attempt, double delayMs);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "Model call cancelled by the caller: session {Session}, model {Model}, attempts {Attempts}, {DurationMs:F0} ms")]
    public static partial void Cancelled(ILogger logger, string session, string model, int attempts, double durationMs);
}
