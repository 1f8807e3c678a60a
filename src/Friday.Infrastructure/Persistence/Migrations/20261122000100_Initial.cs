using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Friday.Infrastructure.Persistence.Migrations;

/// <summary>
/// Written by hand with provider-neutral columns (no store types) so that one migration serves every
/// provider; a test compares the schema it builds with the model's.
/// </summary>
[DbContext(typeof(FridayDbContext))]
[Migration("20261122000100_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "notes",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Title = t.Column<string>(maxLength: 200, nullable: false),
                Content = t.Column<string>(maxLength: 20000, nullable: false),
                OwnerId = t.Column<string>(maxLength: 128, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_notes", x => x.Id));
        migrationBuilder.CreateIndex("IX_notes_OwnerId_UpdatedAt", "notes", ["OwnerId", "UpdatedAt"]);

        migrationBuilder.CreateTable(
            name: "tasks",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Title = t.Column<string>(maxLength: 200, nullable: false),
                Description = t.Column<string>(maxLength: 20000, nullable: false),
                DueAt = t.Column<DateTime>(nullable: true),
                CompletedAt = t.Column<DateTime>(nullable: true),
                ReminderDueAt = t.Column<DateTime>(nullable: true),
                OwnerId = t.Column<string>(maxLength: 128, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_tasks", x => x.Id));
        migrationBuilder.CreateIndex("IX_tasks_DueAt", "tasks", "DueAt");
        migrationBuilder.CreateIndex("IX_tasks_OwnerId_UpdatedAt", "tasks", ["OwnerId", "UpdatedAt"]);

        migrationBuilder.CreateTable(
            name: "activities",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                SubjectType = t.Column<string>(maxLength: 16, nullable: false),
                SubjectId = t.Column<Guid>(nullable: false),
                Action = t.Column<string>(maxLength: 100, nullable: false),
                Description = t.Column<string>(maxLength: 2000, nullable: false),
                OccurredAt = t.Column<DateTime>(nullable: false),
                OwnerId = t.Column<string>(maxLength: 128, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_activities", x => x.Id));
        migrationBuilder.CreateIndex("IX_activities_OwnerId_UpdatedAt", "activities", ["OwnerId", "UpdatedAt"]);
        migrationBuilder.CreateIndex("IX_activities_SubjectId", "activities", "SubjectId");

        migrationBuilder.CreateTable(
            name: "notifications",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                UserId = t.Column<string>(maxLength: 128, nullable: false),
                Title = t.Column<string>(maxLength: 200, nullable: false),
                Message = t.Column<string>(maxLength: 4000, nullable: false),
                NotificationType = t.Column<string>(maxLength: 64, nullable: false),
                DataJson = t.Column<string>(maxLength: 16000, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                DeliveredAt = t.Column<DateTime>(nullable: true),
                ReadAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_notifications", x => x.Id));
        migrationBuilder.CreateIndex("IX_notifications_CreatedAt", "notifications", "CreatedAt");
        migrationBuilder.CreateIndex("IX_notifications_UserId_DeliveredAt", "notifications", ["UserId", "DeliveredAt"]);
        migrationBuilder.CreateIndex("IX_notifications_UserId_ReadAt", "notifications", ["UserId", "ReadAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("notifications");
        migrationBuilder.DropTable("activities");
        migrationBuilder.DropTable("tasks");
        migrationBuilder.DropTable("notes");
    }
}
