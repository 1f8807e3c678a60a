using System.Text.Json;
using Friday.Infrastructure.Realtime.Serialization;
using Friday.WebApi.Endpoints;
using Friday.WebApi.Infrastructure;
using Friday.WebApi.Security;
using Friday.WebApi.Upgrade;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;

var builder = WebApplication.CreateBuilder(args);

builder.AddFridaySecurity();
builder.AddConnectionUpgrade();
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddProblemDetails();
// In order: an unreachable database is a 503 to retry, whatever else the exception might look like.
builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.Converters.Add(new UtcTimestampConverter());
});

// Malformed bodies become problem details from the exception handler in every environment.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();

app.UseKnownProxies();
app.UseMiddleware<RequestLog>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
// Before authentication: a connect storm is refused without validating a token per attempt.
app.UseMiddleware<ConnectionRateLimitMiddleware>();
app.UseFridayWebSockets();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapNoteEndpoints();
app.MapTaskEndpoints();
app.MapActivityEndpoints();
app.MapNotificationEndpoints();
app.MapAdminEndpoints();
app.MapWebSocketEndpoints();
if (app.Environment.IsDevelopment())
{
    app.MapDevelopmentEndpoints();
}

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
