using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Friday.Infrastructure.Tests.Persistence;

/// <summary>
/// No SQL Server runs here, but EF Core writes its scripts without one: the T-SQL the hand-written
/// migrations produce must parse, and must create the tables and indexes EnsureCreated would create
/// from the model. <see cref="SqlServerSchemaTests"/> checks the same on a real server where one is given.
/// </summary>
public sealed class SqlServerScriptTests
{
    [Fact]
    public void MigrationScript_ForSqlServer_ShouldCreateWhatEnsureCreatedCreates()
    {
        using var db = SqlServerContext();

        var migrated = Ddl(db.GetService<IMigrator>().GenerateScript());
        var created = Ddl(db.Database.GenerateCreateScript());

        Assert.Equal(created, migrated);
    }

    [Fact]
    public void MigrationScript_ForSqlServer_ShouldAllowManyUnsequencedEvents()
    {
        using var db = SqlServerContext();

        var migrated = Ddl(db.GetService<IMigrator>().GenerateScript());

        // A plain unique index on SQL Server admits one NULL: every pending event but the first would fail.
        Assert.Contains("CREATE UNIQUE INDEX [IX_stream_events_Seq] ON [stream_events]([Seq]) WHERE [Seq] IS NOT NULL", migrated);
    }

    [Fact]
    public void MigrationScript_ForSqlServer_ShouldStoreKeysAsUniqueidentifierAndTimestampsAsDatetime2()
    {
        using var db = SqlServerContext();

        var migrated = Ddl(db.GetService<IMigrator>().GenerateScript());

        Assert.Contains("CREATE TABLE [notes] ( [Id] UNIQUEIDENTIFIER NOT NULL, [Title] NVARCHAR (200) NOT NULL, [Content] NVARCHAR (MAX) NOT NULL, [OwnerId] NVARCHAR (128) NOT NULL, [CreatedAt] DATETIME2 NOT NULL, [UpdatedAt] DATETIME2 NOT NULL, [Version] BIGINT NOT NULL, CONSTRAINT [PK_notes] PRIMARY KEY ([Id]) )", migrated);
    }

    [Fact]
    public void MigrationScript_ForSqlServer_ShouldSeedTheStreamStateRow()
    {
        using var db = SqlServerContext();

        var inserts = TSql.Statements(db.GetService<IMigrator>().GenerateScript()).OfType<InsertStatement>().Select(TSql.Canonical);

        Assert.Contains("INSERT INTO stream_state (\"Id\", \"LastSeq\") VALUES (1, 0)", inserts);
    }

    [Fact]
    public void DdlComparison_WhenAnIndexIsMissing_ShouldDetectIt()
    {
        using var db = SqlServerContext();
        var script = db.Database.GenerateCreateScript();

        var drifted = Ddl(script.Replace("CREATE INDEX [IX_tasks_DueAt] ON [tasks] ([DueAt]);", string.Empty, StringComparison.Ordinal));

        Assert.NotEqual(Ddl(script), drifted);
    }

    internal static FridayDbContext SqlServerContext()
    {
        var options = new DbContextOptionsBuilder<FridayDbContext>()
            .UseSqlServer("Server=127.0.0.1;Database=unused")
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
        return new FridayDbContext(options, new ServiceCollection().BuildServiceProvider());
    }

    /// <summary>The tables and indexes a script creates, one canonical line each, sorted; EF's own history table left out.</summary>
    private static List<string> Ddl(string script) =>
        [.. TSql.Statements(script)
            .Where(s => s is CreateTableStatement or CreateIndexStatement)
            .Select(TSql.Canonical)
            .Order(StringComparer.Ordinal)];
}
