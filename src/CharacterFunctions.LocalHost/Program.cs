// The local host: `dotnet run` (or ./build.sh run) serves the contract on http://localhost:7071.
using CharacterFunctions.LocalHost;

var app = LocalHostApp.Build(args);
await app.RunAsync();
