using CharacterFunctions.Api.Http;
using CharacterFunctions.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure Functions host: ASP.NET Core integration for HTTP (the shared handlers take HttpRequest and
// return IResult), Durable entities for session actors, Service Bus for game events.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services.AddCharacterFunctionsAzure(builder.Configuration);
// The worker's ASP.NET Core request lines would print ?code= verbatim (RequestLog says why).
builder.Services.AddRedactedRequestLog();

// Telemetry only where there is somewhere to send it (deployed app); local runs stay quiet.
if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    builder.Services.AddCharacterFunctionsApplicationInsights();
    builder.Services.AddCharacterFunctionsTelemetry();
}

builder.Build().Run();
