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
        builder.HasData(new StreamState { Id = StreamState.SingletonId, LastSeq = 0 });
    }
}
