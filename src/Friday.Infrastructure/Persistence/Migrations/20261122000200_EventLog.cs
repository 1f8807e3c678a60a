using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Friday.Infrastructure.Persistence.Migrations;

/// <summary>The event log (stream events awaiting or holding their seq) and the sequencer's state row.</summary>
[DbContext(typeof(FridayDbContext))]
[Migration("20261122000200_EventLog")]
public sealed class EventLog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "stream_events",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Seq = t.Column<long>(nullable: true),
                UserId = t.Column<string>(maxLength: 128, nullable: true),
                Topic = t.Column<string>(maxLength: 128, nullable: false),
                InstanceTopic = t.Column<string>(maxLength: 128, nullable: true),
                NotificationType = t.Column<string>(maxLength: 64, nullable: true),
                NotificationId = t.Column<Guid>(nullable: true),
                Payload = t.Column<string>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                Ordinal = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_stream_events", x => x.Id));
        migrationBuilder.CreateIndex("IX_stream_events_CreatedAt_Ordinal", "stream_events", ["CreatedAt", "Ordinal"]);
        migrationBuilder.CreateIndex("IX_stream_events_NotificationId", "stream_events", "NotificationId");
        migrationBuilder.CreateIndex("IX_stream_events_Seq", "stream_events", "Seq", unique: true);

        migrationBuilder.CreateTable(
            name: "stream_state",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false),
                LastSeq = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_stream_state", x => x.Id));

        // Plain SQL: InsertData needs store types without a model snapshot. Quoted names work on every provider.
        migrationBuilder.Sql("INSERT INTO stream_state (\"Id\", \"LastSeq\") VALUES (1, 0);");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("stream_state");
        migrationBuilder.DropTable("stream_events");
    }
}
