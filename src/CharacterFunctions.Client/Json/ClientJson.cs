using System.Text.Json;
using System.Text.Json.Serialization;
using CharacterFunctions.Client.Models;

namespace CharacterFunctions.Client.Json;

/// <summary>
/// Every type the client reads or writes, serialised by generated code (no reflection: works under
/// IL2CPP and trimming). camelCase, nulls omitted, unknown properties ignored — the contract's JSON.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(MessagePage))]
[JsonSerializable(typeof(TurnResult))]
[JsonSerializable(typeof(TurnBody))]
[JsonSerializable(typeof(DeltaBody))]
[JsonSerializable(typeof(RegenerateBody))]
[JsonSerializable(typeof(SelectionBody))]
[JsonSerializable(typeof(ContinueBody))]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(NewSession))]
[JsonSerializable(typeof(CreatedSession))]
[JsonSerializable(typeof(CharacterDefinition))]
[JsonSerializable(typeof(Character))]
[JsonSerializable(typeof(List<Character>))]
[JsonSerializable(typeof(GameEvent))]
[JsonSerializable(typeof(EventResult))]
[JsonSerializable(typeof(Health))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ClientJson : JsonSerializerContext
{
}
