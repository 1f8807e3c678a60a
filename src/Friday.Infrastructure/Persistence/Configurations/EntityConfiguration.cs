using Friday.Domain.Common;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Friday.Infrastructure.Persistence.Configurations;

/// <summary>What every owned entity stores the same way: key, owner, timestamps, version.</summary>
internal static class EntityConfiguration
{
    public const int OwnerIdMaxLength = 128;

    public static void ConfigureEntity<TEntity>(this EntityTypeBuilder<TEntity> builder)
        where TEntity : Entity
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.OwnerId).HasMaxLength(OwnerIdMaxLength).IsRequired();
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.OwnerId, e.UpdatedAt });
        builder.Ignore(e => e.DomainEvents);
        builder.Ignore(e => e.EntityName);
        builder.Ignore(e => e.CollectionTopic);
        builder.Ignore(e => e.InstanceTopic);
    }
}
