using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Prompting;

namespace CharacterFunctions.Benchmarks.PrefixStability;

/// <summary>
/// How much of each prompt the provider's session cache can reuse. A scripted 1,000-turn one-to-one
/// chat is prompted two ways: the naive policy (system + the newest messages that fit, sliding every
/// turn) and ours (<see cref="MessageBuilder"/>: a window that stays put and jumps rarely). For each
/// turn: the share of the serialized messages that is a byte-identical prefix of the previous prompt
/// plus its reply, the estimated prompt tokens, and the list-price cost with that prefix billed as
/// cached input.
/// </summary>
public static class PrefixStabilityBenchmark
{
    public const int Turns = 1_000;
    private const string SystemPrompt =
        "You are Jiang Rang, a male Go prodigy who has won many awards. You are currently a high school heartthrob, and the user is your class monitor. " +
        "You first noticed the user working at a milk tea shop and became curious, eventually developing feelings for them.\n\n" +
        "Your personality:\n\nEnthusiastic, smart, and mischievous\n\nYour style:\n\nWitty and decisive\n\nYour language style:\n\nHumorous and loves to joke\n\n" +
        "You can use parentheses () to describe actions, expressions, tones, thoughts, and background stories to provide additional context for the conversation.";

    private static readonly JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Where the per-turn figures go (one CSV per model); the console gets per-100-turn summaries.</summary>
    private static readonly string PerTurnDirectory = Path.Combine(RepositoryRoot(), "artifacts", "bench");

    // `dotnet run` starts in the project folder; the figures belong beside the other build artifacts.
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CharacterFunctions.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    public static void Run(TextWriter output)
    {
        output.WriteLine($"Prefix stability: {Turns}-turn one-to-one chat, estimated tokens, list prices (CNY), reusable prefix billed as cached.");
        Directory.CreateDirectory(PerTurnDirectory);
        foreach (var model in new[] { "qwen-flash-character", "qwen-plus-character" })
        {
            var spec = ModelCatalog.Default.Get(model);
            var naive = Simulate(spec, useBuilder: false);
            var ours = Simulate(spec, useBuilder: true);
            var csv = Path.Combine(PerTurnDirectory, $"prefix-{model}.csv");
            WritePerTurn(csv, naive, ours);
            output.WriteLine();
            output.WriteLine($"== {model} (max input {spec.MaxInputTokens:N0} tokens, max {MessageBuilder.MaxMessages} messages)");
            output.WriteLine("policy   avg-prefix  min-tok  avg-tok  max-tok  max-msgs  window-moves  est-cost");
            WriteSummary(output, "naive", naive);
            WriteSummary(output, "ours", ours);
            output.WriteLine($"per-turn figures: {Path.GetRelativePath(RepositoryRoot(), csv)}");
            output.WriteLine("turns       naive-prefix  ours-prefix  naive-tok  ours-tok  naive-cost  ours-cost");
            for (var from = 0; from < Turns; from += 100)
            {
                var n = naive.Skip(from).Take(100).ToList();
                var o = ours.Skip(from).Take(100).ToList();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{from + 1,4}-{from + n.Count,-4}   {n.Average(t => t.PrefixShare),11:P1}  {o.Average(t => t.PrefixShare),11:P1}  {n.Average(t => t.PromptTokens),9:F0}  {o.Average(t => t.PromptTokens),8:F0}  {n.Sum(t => t.Cost),10:F4}  {o.Sum(t => t.Cost),9:F4}"));
            }
        }
    }

    private static void WritePerTurn(string path, List<TurnFigures> naive, List<TurnFigures> ours)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("turn,naive_prefix_share,naive_prompt_tokens,naive_messages,naive_cost,ours_prefix_share,ours_prompt_tokens,ours_messages,ours_cost");
        for (var i = 0; i < naive.Count; i++)
        {
            var (n, o) = (naive[i], ours[i]);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1},{n.PrefixShare:F4},{n.PromptTokens},{n.Messages},{n.Cost:F6},{o.PrefixShare:F4},{o.PromptTokens},{o.Messages},{o.Cost:F6}"));
        }
    }

    private sealed record TurnFigures(double PrefixShare, int PromptTokens, int Messages, decimal Cost, bool WindowMoved);

    private static void WriteSummary(TextWriter output, string policy, List<TurnFigures> turns) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{policy,-8} {turns.Average(t => t.PrefixShare),10:P1}  {turns.Min(t => t.PromptTokens),7}  {turns.Average(t => t.PromptTokens),7:F0}  {turns.Max(t => t.PromptTokens),7}  {turns.Max(t => t.Messages),8}  {turns.Count(t => t.WindowMoved),12}  {turns.Sum(t => t.Cost),8:F4}"));

    private static List<TurnFigures> Simulate(ModelSpec spec, bool useBuilder)
    {
        var estimator = new TokenEstimator();
        var builder = new MessageBuilder(ModelCatalog.Default, estimator);
        var script = new ScriptedChat(seed: 20_260_101);
        var character = new CharacterProfile { Id = "jiang-rang", Name = "Jiang Rang", Model = spec.Id, SystemPrompt = SystemPrompt };
        var player = new Player("p-1", "Class Monitor");
        var session = new SessionRecord { SessionId = "bench", CharacterIds = [character.Id], Players = [player], CreatedAt = DateTimeOffset.UnixEpoch };
        var transcript = new List<TranscriptMessage>();
        var cursor = CharacterCursor.Initial;
        var figures = new List<TurnFigures>(Turns);
        byte[] previousWithReply = [];
        long previousStart = 1;

        void Commit(MessageRole role, MessageKind kind, string text)
        {
            var speaker = role == MessageRole.User ? (player.Name, player.PlayerId) : (character.Name, character.Id);
            transcript.Add(new TranscriptMessage
            {
                Seq = transcript.Count + 1, Role = role, Kind = kind, Speaker = speaker.Item1, SpeakerId = speaker.Item2,
                Text = text, CreatedAt = DateTimeOffset.UnixEpoch,
            });
            session = session with { LastSeq = transcript.Count };
        }

        Commit(MessageRole.Assistant, MessageKind.Opening, "Class monitor, what are you up to?");
        for (var turn = 0; turn < Turns; turn++)
        {
            var user = new TranscriptMessage
            {
                Seq = transcript.Count + 1, Role = MessageRole.User, Kind = MessageKind.User, Speaker = player.Name,
                SpeakerId = player.PlayerId, Text = script.PlayerLine(), CreatedAt = DateTimeOffset.UnixEpoch,
            };
            IReadOnlyList<ChatMessage> messages;
            long start;
            if (useBuilder)
            {
                var from = MessageBuilder.HistoryReadFrom(session, cursor, character);
                var built = builder.Build(new PromptContext
                {
                    Session = session,
                    Speaker = character,
                    Characters = new Dictionary<string, CharacterProfile> { [character.Id] = character },
                    Cursor = cursor,
                    History = [.. transcript.Where(m => m.Seq >= from)],
                    NewMessages = [user],
                    Kind = PromptKind.Turn,
                });
                messages = built.Call.Body.Messages;
                cursor = built.NextCursor;
                start = built.ContextFromSeq;
            }
            else
            {
                (messages, start) = NaiveWindow(spec, estimator, transcript, user);
            }

            var reply = script.CharacterReply();
            var serialized = Serialize(messages);
            var reusable = CommonPrefix(previousWithReply, serialized);
            var promptTokens = estimator.EstimateMessages(spec.Id, messages);
            var share = serialized.Length == 0 ? 0 : (double)reusable / serialized.Length;
            var usage = new TokenUsage(promptTokens, estimator.Estimate(spec.Id, reply), (long)(promptTokens * share));
            figures.Add(new TurnFigures(share, promptTokens, messages.Count, ModelCatalog.Default.EstimateCost(spec.Id, usage), turn > 0 && start != previousStart));

            previousWithReply = Serialize([.. messages, ChatMessage.Assistant(reply)]);
            previousStart = start;
            transcript.Add(user);
            session = session with { LastSeq = user.Seq };
            Commit(MessageRole.Assistant, MessageKind.Reply, reply);
        }
        return figures;
    }

    /// <summary>System + as many of the newest messages as fit, re-chosen every turn.</summary>
    private static (IReadOnlyList<ChatMessage> Messages, long Start) NaiveWindow(ModelSpec spec, TokenEstimator estimator, List<TranscriptMessage> transcript, TranscriptMessage user)
    {
        var system = ChatMessage.System(SystemPrompt);
        var newest = ChatMessage.User(user.Text);
        var raw = TokenEstimator.RequestOverhead + TokenEstimator.RawMessageTokens(system) + TokenEstimator.RawMessageTokens(newest);
        var kept = new List<ChatMessage>();
        var start = user.Seq;
        for (var i = transcript.Count - 1; i >= 0 && kept.Count + 2 < MessageBuilder.MaxMessages; i--)
        {
            var message = transcript[i].Role == MessageRole.User ? ChatMessage.User(transcript[i].Text) : ChatMessage.Assistant(transcript[i].Text);
            var next = raw + TokenEstimator.RawMessageTokens(message);
            if (estimator.Scale(spec.Id, next) > spec.MaxInputTokens)
            {
                break;
            }
            raw = next;
            kept.Add(message);
            start = transcript[i].Seq;
        }
        kept.Reverse();
        return ([system, .. kept, newest], start);
    }

    /// <summary>The messages as the request body carries them, without the closing bracket so an appended message keeps the prefix.</summary>
    private static byte[] Serialize(IReadOnlyList<ChatMessage> messages) =>
        Encoding.UTF8.GetBytes("[" + string.Join(",", messages.Select(m => JsonSerializer.Serialize(m, Wire))));

    private static int CommonPrefix(byte[] a, byte[] b) => a.AsSpan().CommonPrefixLength(b);
}
