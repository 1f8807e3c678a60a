using Friday.Infrastructure.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Friday.Infrastructure.Persistence.Configurations;

internal sealed class StreamStateConfiguration : IEntityTypeConfiguration<StreamState>
{
    public void Configure(EntityTypeBuilder<StreamState> builder)
    {
        builder.ToTable("stream_state");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();

        // A history that was never trimmed is trimmed through 0; the column was added with that default.
        builder.Property(s => s.TrimmedThrough).HasDefaultValue(0L);
        builder.HasData(new StreamState { Id = StreamState.SingletonId, LastSeq = 0 });
    }
}
