using Friday.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Friday.Infrastructure.Persistence.Configurations;

internal sealed class TaskItemConfiguration : IEntityTypeConfiguration<TaskItem>
{
    public void Configure(EntityTypeBuilder<TaskItem> builder)
    {
        builder.ToTable("tasks");
        builder.ConfigureEntity();
        builder.Property(t => t.Title).HasMaxLength(TaskItem.TitleMaxLength).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(TaskItem.DescriptionMaxLength).IsRequired();
        builder.Ignore(t => t.IsCompleted);
        builder.HasIndex(t => t.DueAt);

        // Two nodes reminding at once: the second save fails instead of sending the reminder again.
        builder.Property(t => t.ReminderDueAt).IsConcurrencyToken();
    }
}
