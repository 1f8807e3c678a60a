using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Friday.Infrastructure.Persistence.Migrations;

/// <summary>
/// A notification's email copy: the address, and the sender's record of it (attempts, when next due,
/// sent, refused for good). Existing rows have no email: nothing becomes due.
/// </summary>
[DbContext(typeof(FridayDbContext))]
[Migration("20261201000100_NotificationEmail")]
public sealed class NotificationEmail : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>("Email", "notifications", maxLength: 254, nullable: true);
        migrationBuilder.AddColumn<int>("EmailAttempts", "notifications", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTime>("EmailDueAt", "notifications", nullable: true);
        migrationBuilder.AddColumn<DateTime>("EmailSentAt", "notifications", nullable: true);
        migrationBuilder.AddColumn<DateTime>("EmailFailedAt", "notifications", nullable: true);
        migrationBuilder.CreateIndex("IX_notifications_EmailDueAt", "notifications", "EmailDueAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("IX_notifications_EmailDueAt", "notifications");
        migrationBuilder.DropColumn("EmailFailedAt", "notifications");
        migrationBuilder.DropColumn("EmailSentAt", "notifications");
        migrationBuilder.DropColumn("EmailDueAt", "notifications");
        migrationBuilder.DropColumn("EmailAttempts", "notifications");
        migrationBuilder.DropColumn("Email", "notifications");
    }
}
