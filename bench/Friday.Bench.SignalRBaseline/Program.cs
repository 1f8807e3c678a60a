using System.Text.Json;
using Friday.Bench.SignalRBaseline;
using Microsoft.AspNetCore.SignalR;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSignalR();
builder.Services.AddSingleton<IUserIdProvider, QueryUserIdProvider>();

var app = builder.Build();
app.MapHub<BenchHub>("/hub");
app.MapPost("/api/publish", async (string topic, JsonElement body, IHubContext<BenchHub> hub) =>
{
    await hub.Clients.Group(topic).SendAsync("notification", body);
    return Results.Accepted();
});

app.Run();
