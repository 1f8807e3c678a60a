using Friday.Application.Common.Events;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Friday.Application.Tests.Support;

/// <summary>One in-memory SQLite database, alive while its connection is open; each context is fresh.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly DbContextOptions<TestDbContext> _options;

    public SqliteDatabase()
    {
        _connection.Open();
        _options = new DbContextOptionsBuilder<TestDbContext>().UseSqlite(_connection).Options;
        using var context = CreateContext();
        context.Database.EnsureCreated();
    }

    public TestDbContext CreateContext(IDomainEventDispatcher? dispatcher = null) => new(_options, dispatcher);

    /// <summary>A context whose saves pass through <paramref name="interceptor"/> (to act between a handler's reads and its commit).</summary>
    public TestDbContext CreateContext(IInterceptor interceptor) =>
        new(new DbContextOptionsBuilder<TestDbContext>(_options).AddInterceptors(interceptor).Options);

    public void Dispose() => _connection.Dispose();
}
