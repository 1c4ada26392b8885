using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.Tests.ModelApi;

/// <summary>Builds clients against a loopback <see cref="FakeModelServer"/> with small, fast timings.</summary>
internal static class ModelClientTestKit
{
    public const string ApiKey = "sk-test-0123456789";

    public static ModelOptions FastOptions(FakeModelServer server, Action<ModelOptions>? configure = null)
    {
        var options = new ModelOptions
        {
            BaseUrl = server.BaseUrl,
            ApiKey = ApiKey,
            AttemptTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(20),
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryAfter = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return options;
    }

    public static QwenCharacterClient Client(FakeModelServer server, Action<ModelOptions>? configure = null, ILogger<QwenCharacterClient>? logger = null) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, Options.Create(FastOptions(server, configure)), TimeProvider.System,
            logger ?? new RecordingLogger<QwenCharacterClient>());

    public static ModelCall Call(string userText = "I'm reading a book.", int? n = null, string session = "session-1") =>
        new(new ChatCompletionRequest
        {
            Model = "qwen-plus-character",
            Messages =
            [
                ChatMessage.System("You are Jiang Rang, a Go prodigy."),
                ChatMessage.Assistant("Class monitor, what are you up to?"),
                ChatMessage.User(userText),
            ],
            N = n,
        }, session);
}

/// <summary>Keeps formatted log lines so tests can check what is (not) logged.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = formatter(state, exception);
        if (state is IEnumerable<KeyValuePair<string, object?>> fields)
        {
            line += " | " + string.Join(", ", fields.Select(f => $"{f.Key}={f.Value}"));
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
