using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Friday.Infrastructure.Persistence.Migrations;

/// <summary>
/// The newest <c>seq</c> the history was trimmed through: a replay after it is complete. The oldest
/// row cannot tell, since events of undelivered notifications are kept below it.
/// </summary>
[DbContext(typeof(FridayDbContext))]
[Migration("20261122000300_TrimmedThrough")]
public sealed class TrimmedThrough : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<long>(name: "TrimmedThrough", table: "stream_state", nullable: false, defaultValue: 0L);

        // Until now the history was trimmed from the oldest end without holes: it was trimmed through
        // the row before its oldest one (or, when empty, through everything issued).
        migrationBuilder.Sql("""
            UPDATE stream_state SET "TrimmedThrough" = COALESCE(
                (SELECT MIN("Seq") - 1 FROM stream_events WHERE "Seq" IS NOT NULL), "LastSeq")
            WHERE "Id" = 1;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "TrimmedThrough", table: "stream_state");
    }
}
