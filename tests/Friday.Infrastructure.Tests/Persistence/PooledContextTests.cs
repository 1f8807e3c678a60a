using Friday.Application.Common.Interfaces;
using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.Infrastructure.Tests.Persistence;

public sealed class PooledContextTests
{
    [Fact]
    public void NextScope_ShouldGetThePooledContext_LentToThatScope()
    {
        using var services = Build();
        FridayDbContext first;
        using (var scope = services.CreateScope())
        {
            first = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
            Assert.Same(scope.ServiceProvider, first.Scope);
        }

        using var next = services.CreateScope();
        var second = next.ServiceProvider.GetRequiredService<FridayDbContext>();

        Assert.Same(first, second);
        Assert.Same(next.ServiceProvider, second.Scope);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ContextBackInThePool_ShouldNotKeepTheEndedScope(bool asyncScope)
    {
        using var services = Build();
        var db = await LeaseAndEndAsync(services, asyncScope);

        var error = Assert.Throws<InvalidOperationException>(() => db.Scope);
        Assert.Contains("not lent to a scope", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The container disposes what a registration made, once per registration: a scope that resolved the
    /// context as <see cref="FridayDbContext"/> and as <see cref="IFridayDbContext"/> must still give it
    /// back to the pool once. Given back twice, the second time can come after another scope has leased
    /// it, and takes it from under that scope: under parallel writes that was a 500 ("Cannot access a
    /// disposed context instance"). Here a disposable resolved between the two makes the lease happen
    /// between them every time.
    /// </summary>
    [Fact]
    public async Task ScopeThatResolvedTheContextUnderBothNames_ShouldNotTakeItFromTheNextScope()
    {
        await using var services = Build(s => s.AddScoped<LeaseWhenDisposed>());
        LeaseWhenDisposed meanwhile;
        await using (var scope = services.CreateAsyncScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
            meanwhile = scope.ServiceProvider.GetRequiredService<LeaseWhenDisposed>();
            _ = scope.ServiceProvider.GetRequiredService<IFridayDbContext>();
        }

        await using var next = meanwhile.Scope!.Value;
        var leased = meanwhile.Context!;
        Assert.Same(next.ServiceProvider, leased.Scope);
        Assert.NotNull(leased.ChangeTracker);
    }

    [Fact]
    public async Task ContextMadeOutsideTheContainer_ShouldRefuseToSave_Clearly()
    {
        await using var db = new FridayDbContext(new DbContextOptionsBuilder<FridayDbContext>().UseSqlite("Data Source=unused.db").Options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("resolve it from the container", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A context leased by a scope that has ended, disposed by <c>Dispose</c> or by <c>DisposeAsync</c>.</summary>
    private static async Task<FridayDbContext> LeaseAndEndAsync(ServiceProvider services, bool asyncScope)
    {
        if (asyncScope)
        {
            await using var scope = services.CreateAsyncScope();
            return scope.ServiceProvider.GetRequiredService<FridayDbContext>();
        }

        using var syncScope = services.CreateScope();
        return syncScope.ServiceProvider.GetRequiredService<FridayDbContext>();
    }

    /// <summary>Leases a context in a scope of its own when the container disposes it.</summary>
    private sealed class LeaseWhenDisposed(IServiceScopeFactory scopes) : IDisposable
    {
        public AsyncServiceScope? Scope { get; private set; }

        public FridayDbContext? Context { get; private set; }

        public void Dispose()
        {
            Scope = scopes.CreateAsyncScope();
            Context = Scope.Value.ServiceProvider.GetRequiredService<FridayDbContext>();
        }
    }

    private static ServiceProvider Build(Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = "Data Source=unused.db",
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddInfrastructure(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
