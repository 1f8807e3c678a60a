using Friday.Infrastructure.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Friday.Infrastructure.Persistence.Configurations;

internal sealed class StreamEventConfiguration : IEntityTypeConfiguration<StreamEvent>
{
    public const int TopicMaxLength = 128;

    public void Configure(EntityTypeBuilder<StreamEvent> builder)
    {
        builder.ToTable("stream_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.UserId).HasMaxLength(EntityConfiguration.OwnerIdMaxLength);
        builder.Property(e => e.Topic).HasMaxLength(TopicMaxLength).IsRequired();
        builder.Property(e => e.InstanceTopic).HasMaxLength(TopicMaxLength);
        builder.Property(e => e.NotificationType).HasMaxLength(64);
        builder.Property(e => e.Payload).IsRequired();

        // Replay reads by seq; the sequencer finds the unsequenced rows (seq null) in commit order.
        builder.HasIndex(e => e.Seq).IsUnique();
        builder.HasIndex(e => new { e.CreatedAt, e.Ordinal });
        builder.HasIndex(e => e.NotificationId);
    }
}
