using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Friday.Infrastructure.Persistence.Migrations;

/// <summary>The keys of notification requests already handled, so that a redelivered one notifies nobody twice.</summary>
[DbContext(typeof(FridayDbContext))]
[Migration("20261202000100_HandledRequests")]
public sealed class HandledRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "handled_requests",
            columns: t => new
            {
                Key = t.Column<string>(maxLength: 300, nullable: false),
                HandledAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_handled_requests", x => x.Key));
        migrationBuilder.CreateIndex("IX_handled_requests_HandledAt", "handled_requests", "HandledAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("handled_requests");
    }
}
