using Friday.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Friday.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.UserId).HasMaxLength(Notification.UserIdMaxLength).IsRequired();
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength).IsRequired();
        builder.Property(n => n.Message).HasMaxLength(Notification.MessageMaxLength).IsRequired();
        builder.Property(n => n.NotificationType).HasMaxLength(Notification.TypeMaxLength).IsRequired();
        builder.Property(n => n.DataJson).HasMaxLength(Notification.DataMaxLength);
        builder.Property(n => n.Email).HasMaxLength(Notification.EmailMaxLength);
        builder.Property(n => n.EmailAttempts).HasDefaultValue(0);
        builder.Ignore(n => n.IsRead);
        builder.Ignore(n => n.DomainEvents);

        // Pending delivery on connect, unread counts, and the retention sweep.
        builder.HasIndex(n => new { n.UserId, n.DeliveredAt });
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        builder.HasIndex(n => n.CreatedAt);

        // The email sender's look for due emails.
        builder.HasIndex(n => n.EmailDueAt);
    }
}
