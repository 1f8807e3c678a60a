using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
        using var db = TestContexts.Unconnected(DatabaseProvider.SqlServer);

        var migrated = Ddl(db.GetService<IMigrator>().GenerateScript());
        var created = Ddl(db.Database.GenerateCreateScript());

        Assert.Equal(created, migrated);
    }

    [Fact]
    public void MigrationScript_ForSqlServer_ShouldAllowManyUnsequencedEvents()
    {
        using var db = TestContexts.Unconnected(DatabaseProvider.SqlServer);

        var migrated = Ddl(db.GetService<IMigrator>().GenerateScript());

        // A plain unique index on SQL Server admits one NULL: every pending event but the first would fail.
        Assert.Contains("CREATE UNIQUE INDEX [IX_stream_events_Seq] ON [stream_events]([Seq]) WHERE [Seq] IS NOT NULL", migrated);
    }

    [Fact]
    public void MigrationScript_ForSqlServer_ShouldStoreKeysAsUniqueidentifierAndTimestampsAsDatetime2()
    {
        using var db = TestContexts.Unconnected(DatabaseProvider.SqlServer);

        var migrated = Ddl(db.GetService<IMigrator>().GenerateScript());

        Assert.Contains("column notes.Id UNIQUEIDENTIFIER NOT NULL", migrated);
        Assert.Contains("column notes.Title NVARCHAR (200) NOT NULL", migrated);
        Assert.Contains("column notes.Content NVARCHAR (MAX) NOT NULL", migrated);
        Assert.Contains("column notes.CreatedAt DATETIME2 NOT NULL", migrated);
        Assert.Contains("column notes.Version BIGINT NOT NULL", migrated);
        Assert.Contains("constraint notes CONSTRAINT [PK_notes] PRIMARY KEY ([Id])", migrated);
    }

    [Fact]
    public void MigrationScript_ForSqlServer_ShouldSeedTheStreamStateRow()
    {
        using var db = TestContexts.Unconnected(DatabaseProvider.SqlServer);

        var inserts = TSql.Statements(db.GetService<IMigrator>().GenerateScript()).OfType<InsertStatement>().Select(TSql.Canonical);

        Assert.Contains("INSERT INTO stream_state (\"Id\", \"LastSeq\") VALUES (1, 0)", inserts);
    }

    [Fact]
    public void DdlComparison_WhenAnIndexIsMissing_ShouldDetectIt()
    {
        using var db = TestContexts.Unconnected(DatabaseProvider.SqlServer);
        var script = db.Database.GenerateCreateScript();

        var drifted = Ddl(script.Replace("CREATE INDEX [IX_tasks_DueAt] ON [tasks] ([DueAt]);", string.Empty, StringComparison.Ordinal));

        Assert.NotEqual(Ddl(script), drifted);
    }

    /// <summary>
    /// The schema a script leaves behind, one canonical line per column (type and nullability), table
    /// constraint and index, sorted. Columns a later migration adds with ALTER TABLE count as the
    /// table's own; the default such a migration gives them to fill existing rows is not part of the
    /// model and is left out.
    /// </summary>
    private static List<string> Ddl(string script)
    {
        var lines = new List<string>();
        foreach (var statement in TSql.Statements(script))
        {
            switch (statement)
            {
                case CreateTableStatement create:
                    lines.AddRange(Describe(create.SchemaObjectName, create.Definition));
                    break;
                case AlterTableAddTableElementStatement add:
                    lines.AddRange(Describe(add.SchemaObjectName, add.Definition));
                    break;
                case CreateIndexStatement index:
                    lines.Add(TSql.Canonical(index));
                    break;
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Describe(SchemaObjectName table, TableDefinition definition)
    {
        var name = table.BaseIdentifier.Value;
        foreach (var column in definition.ColumnDefinitions)
        {
            var nullable = column.Constraints.OfType<NullableConstraintDefinition>().SingleOrDefault()?.Nullable ?? true;
            yield return $"column {name}.{column.ColumnIdentifier.Value} {TSql.Canonical(column.DataType)} {(nullable ? "NULL" : "NOT NULL")}";
        }

        foreach (var constraint in definition.TableConstraints)
        {
            yield return $"constraint {name} {TSql.Canonical(constraint)}";
        }
    }
}
