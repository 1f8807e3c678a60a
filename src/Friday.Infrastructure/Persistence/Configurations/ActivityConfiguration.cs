using Friday.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Friday.Infrastructure.Persistence.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        builder.ConfigureEntity();
        builder.Property(a => a.SubjectType).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(Activity.ActionMaxLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(Activity.DescriptionMaxLength).IsRequired();
        builder.HasIndex(a => a.SubjectId);
    }
}
