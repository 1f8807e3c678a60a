using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>A SQLite server whose every database context runs <see cref="Interceptor"/>, for a test to watch or steer.</summary>
public sealed class InterceptedServer<TInterceptor> : FridayServer
    where TInterceptor : IInterceptor, new()
{
    public TInterceptor Interceptor { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<FridayDbContext>(o => o.AddInterceptors(Interceptor)));
    }
}
