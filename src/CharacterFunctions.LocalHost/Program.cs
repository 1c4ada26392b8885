// Replaced by issue #3 (local host).
var app = WebApplication.CreateBuilder(args).Build();
app.Run();
