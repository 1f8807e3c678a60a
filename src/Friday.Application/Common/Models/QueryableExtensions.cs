using Friday.Application.Common.Exceptions;
using Friday.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Common.Models;

public static class QueryableExtensions
{
    /// <summary>Loads the caller's own entity; anyone else's is reported as not found.</summary>
    public static async Task<TEntity> FindOwnedAsync<TEntity>(this IQueryable<TEntity> source, Guid id, string userId, CancellationToken cancellationToken)
        where TEntity : Entity
    {
        var entity = await source.SingleOrDefaultAsync(e => e.Id == id && e.OwnerId == userId, cancellationToken);
        return entity ?? throw new NotFoundException(FriendlyName(typeof(TEntity)), id);
    }

    /// <summary>The name clients know: <c>TaskItem</c> is a task to them.</summary>
    private static string FriendlyName(Type entityType) => entityType.Name switch
    {
        "TaskItem" => "task",
        var name => name.ToLowerInvariant(),
    };

    public static async Task<PagedList<TDto>> ToPagedListAsync<TEntity, TDto>(
        this IQueryable<TEntity> source, int page, int pageSize, Func<TEntity, TDto> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        var total = await source.CountAsync(cancellationToken);
        var items = await source.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<TDto>(items.ConvertAll(i => map(i)), page, pageSize, total);
    }
}
