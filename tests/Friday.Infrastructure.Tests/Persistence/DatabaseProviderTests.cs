using Friday.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.Infrastructure.Tests.Persistence;

public sealed class DatabaseProviderTests
{
    [Theory]
    [InlineData("Sqlite", "Data Source=unused.db", "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData("Postgres", "Host=127.0.0.1;Database=unused", "Npgsql.EntityFrameworkCore.PostgreSQL")]
    [InlineData("SqlServer", "Server=127.0.0.1;Database=unused", "Microsoft.EntityFrameworkCore.SqlServer")]
    public void Provider_ShouldSelectItsEfCoreProvider(string provider, string connectionString, string expected)
    {
        using var services = Build(provider, connectionString);
        using var scope = services.CreateScope();

        Assert.Equal(expected, scope.ServiceProvider.GetRequiredService<FridayDbContext>().Database.ProviderName);
    }

    private static ServiceProvider Build(string provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["Database:ConnectionString"] = connectionString,
            })
            .Build();
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
    }
}
