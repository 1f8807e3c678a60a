using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Friday.Infrastructure.Tests.Support;

/// <summary>
/// A <see cref="FridayDbContext"/> outside the host, for the schema, script and SQL tests. The model's
/// pending-changes warning is off: the migrations are hand-written, and comparing them with the model
/// is what those tests do.
/// </summary>
internal static class TestContexts
{
    public static FridayDbContext Create(Action<DbContextOptionsBuilder<FridayDbContext>> useProvider)
    {
        var options = new DbContextOptionsBuilder<FridayDbContext>().ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        useProvider(options);
        return new FridayDbContext(options.Options);
    }

    /// <summary>On the provider with no server behind it: enough for its model, its SQL and the scripts it writes.</summary>
    public static FridayDbContext Unconnected(DatabaseProvider provider) => Create(provider switch
    {
        DatabaseProvider.Sqlite => options => options.UseSqlite("Data Source=unused.db"),
        DatabaseProvider.Postgres => options => options.UseNpgsql("Host=127.0.0.1;Database=unused"),
        DatabaseProvider.SqlServer => options => options.UseSqlServer("Server=127.0.0.1;Database=unused"),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    });
}
