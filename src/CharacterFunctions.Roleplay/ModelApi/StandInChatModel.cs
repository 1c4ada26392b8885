using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>
/// The offline stand-in used when no API key is configured: deterministic, clearly labelled replies so the
/// whole product can be run and demonstrated without the network. It never pretends to be the model.
/// </summary>
public sealed partial class StandInChatModel : IChatModel
{
    /// <summary>Every stand-in reply starts with this label.</summary>
    public const string Label = "[offline stand-in]";

    private const int QuoteLength = 80;

    public bool IsOffline => true;

    public Task<ModelResult> CompleteAsync(ModelCall call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(ModelResult.Ok(Compose(call.Body)));
    }

    public async IAsyncEnumerable<ModelStreamEvent> StreamAsync(ModelCall call, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        ct.ThrowIfCancellationRequested();
        var completion = Compose(call.Body);

        // Interleave the choices' pieces the way a real n>1 stream does.
        var pieces = completion.Choices.Select(SplitIntoPieces).ToList();
        for (var round = 0; round < pieces.Max(p => p.Count); round++)
        {
            for (var choice = 0; choice < pieces.Count; choice++)
            {
                if (round < pieces[choice].Count)
                {
                    await Task.Yield();
                    ct.ThrowIfCancellationRequested();
                    yield return new ModelStreamEvent.Delta(choice, pieces[choice][round]);
                }
            }
        }

        yield return new ModelStreamEvent.Completed(completion);
    }

    /// <summary>The deterministic answer to a request: same body, same completion.</summary>
    public static ChatCompletion Compose(ChatCompletionRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var messages = body.Messages;
        var partial = messages.Count > 0 && messages[^1] is { Role: "assistant", Partial: true } last ? last : null;
        var context = partial is null ? messages : messages.Take(messages.Count - 1).ToList();
        var name = NameFromPrefix(partial?.Content) ?? NameFromSystemPrompt(messages, body.CharacterOptions?.Profile) ?? "The character";

        // The message the character is answering: a player's words, a game event, or its own last line.
        var cue = context.Count > 0 && !(context.Count == 1 && context[0].Role == "system") ? context[^1] : null;
        var core = cue?.Role switch
        {
            "user" => $"{Label} {name} hears: \"{Quote(cue.Content)}\"",
            "system" => $"{Label} {name} notices: \"{Quote(cue.Content)}\"",
            _ => $"{Label} {name} is still waiting for you...",
        };

        var n = Math.Clamp(body.N ?? 1, 1, 8);
        var choices = Enumerable.Range(0, n)
            .Select(i => core + (n > 1 ? $" (alternative {i + 1})" : "") + (body.Seed is { } seed ? $" (seed {seed})" : ""))
            .ToList();

        var promptTokens = messages.Sum(m => EstimateTokens(m.Content) + 4);
        var completionTokens = choices.Sum(EstimateTokens);
        return new ChatCompletion(
            $"offline-{StableHash(body, messages):x16}",
            body.Model,
            choices,
            choices.Select(_ => (string?)"stop").ToList(),
            new TokenUsage(promptTokens, completionTokens, 0));
    }

    private static string? NameFromPrefix(string? prefix)
    {
        var name = prefix?.Trim().TrimEnd(':', '：').Trim();
        return string.IsNullOrEmpty(name) ? null : name;
    }

    private static string? NameFromSystemPrompt(IReadOnlyList<ChatMessage> messages, string? profile)
    {
        var prompt = profile ?? (messages.Count > 0 && messages[0].Role == "system" ? messages[0].Content : null);
        var match = prompt is null ? null : YouArePattern().Match(prompt);
        return match is { Success: true } ? match.Groups["name"].Value.Trim() : null;
    }

    [GeneratedRegex(@"^\s*You are (?<name>[\p{Lu}][\p{L}'\- ]{0,40}?)\s*[,.;]", RegexOptions.CultureInvariant)]
    private static partial Regex YouArePattern();

    private static string Quote(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= QuoteLength ? collapsed : collapsed[..(QuoteLength - 1)].TrimEnd() + "…";
    }

    private static int EstimateTokens(string text) => Math.Max(1, (text.Length + 2) / 3);

    private static List<string> SplitIntoPieces(string text)
    {
        var words = text.Split(' ');
        var size = Math.Max(1, (words.Length + 2) / 3);
        var pieces = new List<string>();
        for (var i = 0; i < words.Length; i += size)
        {
            var piece = string.Join(' ', words.Skip(i).Take(size));
            pieces.Add(i + size < words.Length ? piece + " " : piece);
        }

        return pieces;
    }

    // FNV-1a: string.GetHashCode is randomised per process, ids must be stable across runs.
    private static ulong StableHash(ChatCompletionRequest body, IReadOnlyList<ChatMessage> messages)
    {
        var hash = 14695981039346656037UL;
        void Add(string? s)
        {
            foreach (var b in Encoding.UTF8.GetBytes(s ?? "\0"))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }
        }

        Add(body.Model);
        Add(body.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(body.N?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var message in messages)
        {
            Add(message.Role);
            Add(message.Content);
        }

        return hash;
    }
}
