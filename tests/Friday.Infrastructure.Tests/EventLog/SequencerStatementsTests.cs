using Friday.Infrastructure.EventLog;
using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Tests.Support;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Friday.Infrastructure.Tests.EventLog;

/// <summary>
/// The sequencer's own SQL per provider. SQLite and PostgreSQL run theirs in every persistence test;
/// no SQL Server runs here, so its statements are checked with Microsoft's T-SQL parser: they parse,
/// lock what docs/decisions/0003 says, and return the columns the sequencer reads, in its order.
/// </summary>
public sealed class SequencerStatementsTests
{
    [Fact]
    public void For_SqlServer_ShouldPickTheTSqlStatements()
    {
        using var db = TestContexts.Unconnected(DatabaseProvider.SqlServer);

        Assert.Same(SequencerStatements.SqlServer, SequencerStatements.For(db.Database));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void For_SqliteAndPostgres_ShouldPickThePortableStatements(DatabaseProvider provider)
    {
        using var db = TestContexts.Unconnected(provider);

        Assert.Same(SequencerStatements.Portable, SequencerStatements.For(db.Database));
    }

    [Fact]
    public void SqlServerStatements_ShouldParseAsTSql()
    {
        var sql = SequencerStatements.SqlServer;

        Assert.All(new[] { sql.LockState, sql.NumberPending, sql.StoreLast }, s => Assert.Single(TSql.Statements(s)));
    }

    [Fact]
    public void PortableNumbering_ShouldNotBeTSql()
    {
        // RETURNING is why SQL Server needs statements of its own.
        Assert.NotEmpty(TSql.Parse(SequencerStatements.Portable.NumberPending).Errors);
        Assert.NotEmpty(TSql.Parse(SequencerStatements.Portable.LockState).Errors);
    }

    [Fact]
    public void SqlServerLock_ShouldHoldAnUpdateLockOnTheStateRowUntilTheTransactionEnds()
    {
        var select = Assert.IsType<SelectStatement>(Assert.Single(TSql.Statements(SequencerStatements.SqlServer.LockState)));
        var table = Assert.IsType<NamedTableReference>(Assert.Single(((QuerySpecification)select.QueryExpression).FromClause.TableReferences));

        Assert.Equal("stream_state", table.SchemaObject.BaseIdentifier.Value);
        Assert.Equal([TableHintKind.UpdLock, TableHintKind.HoldLock], table.TableHints.Select(h => h.HintKind));
    }

    [Fact]
    public void SqlServerNumbering_ShouldOutputTheColumnsTheSequencerReads_InItsOrder()
    {
        var update = Assert.IsType<UpdateStatement>(Assert.Single(TSql.Statements(SequencerStatements.SqlServer.NumberPending)));

        var output = update.UpdateSpecification.OutputClause.SelectColumns
            .Select(c => ((ColumnReferenceExpression)((SelectScalarExpression)c).Expression).MultiPartIdentifier.Identifiers.Select(i => i.Value));

        Assert.Equal(
            ["Seq", "UserId", "Topic", "InstanceTopic", "NotificationType", "NotificationId", "Payload"],
            output.Select(parts => Assert.Single(parts.SkipWhile(p => p == "inserted"))));
        Assert.All(output, parts => Assert.Equal("inserted", parts.First()));
    }

    [Fact]
    public void SqlServerNumbering_ShouldNumberOnlyUnsequencedRows_InWriteOrder()
    {
        var numbering = TSql.Canonical(Assert.Single(TSql.Statements(SequencerStatements.SqlServer.NumberPending)));

        Assert.Contains("row_number() OVER (ORDER BY \"CreatedAt\", \"Ordinal\", \"Id\") AS n FROM stream_events WHERE \"Seq\" IS NULL", numbering);
        Assert.Contains("SET \"Seq\" = @last + ranked.n", numbering);
    }
}
