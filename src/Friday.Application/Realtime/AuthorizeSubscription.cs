using Friday.Application.Common.Interfaces;
using Friday.Domain.Realtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Realtime;

/// <summary>Whether a connection of <paramref name="UserId"/> (null: anonymous) may subscribe to the topic.</summary>
public sealed record AuthorizeSubscriptionQuery(string? UserId, string Topic) : IRequest<TopicAccess>;

public sealed class AuthorizeSubscriptionQueryHandler(IFridayDbContext db) : IRequestHandler<AuthorizeSubscriptionQuery, TopicAccess>
{
    public async Task<TopicAccess> Handle(AuthorizeSubscriptionQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Topic.IsValid(request.Topic))
        {
            return TopicAccess.Invalid;
        }

        var kind = Topic.Classify(request.Topic);
        if (kind == TopicKind.Public)
        {
            return TopicAccess.Allowed;
        }

        if (request.UserId is null)
        {
            return TopicAccess.Forbidden;
        }

        return kind switch
        {
            TopicKind.NoteInstance => await OwnerAccessAsync(db.Notes.AsNoTracking(), request.Topic[Topic.NotePrefix.Length..], request.UserId, cancellationToken),
            TopicKind.TaskInstance => await OwnerAccessAsync(db.Tasks.AsNoTracking(), request.Topic[Topic.TaskPrefix.Length..], request.UserId, cancellationToken),
            _ => TopicAccess.Allowed,
        };
    }

    private static async Task<TopicAccess> OwnerAccessAsync<TEntity>(IQueryable<TEntity> entities, string id, string userId, CancellationToken cancellationToken)
        where TEntity : Domain.Common.Entity
    {
        // Only the form the publisher uses ("D"): any other spelling would subscribe to a topic that never hears a change.
        if (!Guid.TryParseExact(id, "D", out var entityId) || id != entityId.ToString())
        {
            return TopicAccess.Invalid;
        }

        var owner = await entities.Where(e => e.Id == entityId).Select(e => e.OwnerId).FirstOrDefaultAsync(cancellationToken);
        return owner is null ? TopicAccess.NotFound
            : owner == userId ? TopicAccess.Allowed
            : TopicAccess.Forbidden;
    }
}
