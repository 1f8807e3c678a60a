using Friday.Infrastructure.Persistence;

namespace Friday.Tests.Support;

/// <summary>The class fixture of test classes that run their inherited tests against SQL Server.</summary>
public sealed class SqlServerFridayServer : FridayServer
{
    public SqlServerFridayServer()
    {
        Provider = DatabaseProvider.SqlServer;
    }
}
