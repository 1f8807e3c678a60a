using Friday.Infrastructure.Persistence;

namespace Friday.Tests.Support;

/// <summary>The class fixture of test classes that run their inherited tests against PostgreSQL.</summary>
public sealed class PostgresFridayServer : FridayServer
{
    public PostgresFridayServer()
    {
        Provider = DatabaseProvider.Postgres;
    }
}
