using CharacterFunctions.Api;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CharacterFunctions.Functions.Http;

/// <summary>Character profiles: operator only, so the Functions host checks the function key (x-functions-key).</summary>
public sealed class CharactersFunctions(CharacterService characters, CardService cards, CallerAuthentication authentication)
{
    [Function("Characters_Put")]
    public Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "characters/{characterId}")] HttpRequest request,
        string characterId, CancellationToken ct)
        => HttpBridge.Run(request, () => CharactersApi.Put(characterId, request, characters, authentication, ct));

    [Function("Characters_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "characters/{characterId}")] HttpRequest request,
        string characterId, CancellationToken ct)
        => HttpBridge.Run(request, () => CharactersApi.Get(characterId, request, characters, authentication, ct));

    [Function("Characters_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "characters")] HttpRequest request,
        CancellationToken ct)
        => HttpBridge.Run(request, () => CharactersApi.List(request, characters, authentication, ct));

    [Function("Characters_Delete")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "characters/{characterId}")] HttpRequest request,
        string characterId, CancellationToken ct)
        => HttpBridge.Run(request, () => CharactersApi.Delete(characterId, request, characters, authentication, ct));

    [Function("Characters_Import")]
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "characters/import")] HttpRequest request,
        CancellationToken ct)
        => HttpBridge.Run(request, () => CardsApi.Import(request, cards, authentication, ct));

    [Function("Characters_Card")]
    public Task<IActionResult> Card(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "characters/{characterId}/card")] HttpRequest request,
        string characterId, CancellationToken ct)
        => HttpBridge.Run(request, () => CardsApi.Export(characterId, request, characters, authentication, ct));
}
