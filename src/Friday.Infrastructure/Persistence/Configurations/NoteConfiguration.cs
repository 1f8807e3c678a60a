using Friday.Domain.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Friday.Infrastructure.Persistence.Configurations;

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> builder)
    {
        builder.ToTable("notes");
        builder.ConfigureEntity();
        builder.Property(n => n.Title).HasMaxLength(Note.TitleMaxLength).IsRequired();
        builder.Property(n => n.Content).HasMaxLength(Note.ContentMaxLength).IsRequired();
    }
}
