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

    private static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = "Data Source=unused.db",
            })
            .Build();
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
    }
}
