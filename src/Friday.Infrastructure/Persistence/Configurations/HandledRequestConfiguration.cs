using Friday.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Friday.Infrastructure.Persistence.Configurations;

internal sealed class HandledRequestConfiguration : IEntityTypeConfiguration<HandledRequest>
{
    public void Configure(EntityTypeBuilder<HandledRequest> builder)
    {
        builder.ToTable("handled_requests");
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(HandledRequest.KeyMaxLength).ValueGeneratedNever();

        // The retention sweep.
        builder.HasIndex(r => r.HandledAt);
    }
}
