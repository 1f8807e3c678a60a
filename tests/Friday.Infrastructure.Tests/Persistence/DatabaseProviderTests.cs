using Friday.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Tests.Persistence;

public sealed class DatabaseProviderTests
{
    [Theory]
    [InlineData("Sqlite", "Data Source=unused.db", "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData("Postgres", "Host=127.0.0.1;Database=unused", "Npgsql.EntityFrameworkCore.PostgreSQL")]
    public void Provider_ShouldSelectItsEfCoreProvider(string provider, string connectionString, string expected)
    {
        using var services = Build(provider, connectionString);
        using var scope = services.CreateScope();

        Assert.Equal(expected, scope.ServiceProvider.GetRequiredService<FridayDbContext>().Database.ProviderName);
    }

    [Fact]
    public void SqlServer_ShouldStopTheStartWithAClearError()
    {
        using var services = Build("SqlServer", "Server=127.0.0.1;Database=unused");

        var errors = Assert.Throws<AggregateException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        // The other options of this bare configuration (no JWT key) fail too; only the database's matter here.
        Assert.Contains(errors.InnerExceptions, e => e is OptionsValidationException { OptionsType.Name: nameof(DatabaseOptions) }
            && e.Message.Contains("'SqlServer' is not available in this build", StringComparison.Ordinal));
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
