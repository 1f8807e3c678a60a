using Friday.Domain.Common;

namespace Friday.Application.Common.Interfaces;

/// <summary>Turns an entity into what the REST API returns for it: the <c>data</c> of <c>data_changed</c>.</summary>
public interface ISnapshotMapper<in TEntity>
    where TEntity : IOwnedEntity
{
    object ToSnapshot(TEntity entity);
}
