using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notifications.Queries;

/// <summary>The caller's notifications, newest first.</summary>
public sealed record ListNotificationsQuery(string UserId, bool UnreadOnly, int Page = 1, int PageSize = PageRequest.DefaultPageSize)
    : IRequest<PagedList<NotificationDto>>;

public sealed class ListNotificationsQueryValidator : AbstractValidator<ListNotificationsQuery>
{
    public ListNotificationsQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
    }
}

public sealed class ListNotificationsQueryHandler(IFridayDbContext db) : IRequestHandler<ListNotificationsQuery, PagedList<NotificationDto>>
{
    public Task<PagedList<NotificationDto>> Handle(ListNotificationsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notifications = db.Notifications.AsNoTracking().Where(n => n.UserId == request.UserId);
        if (request.UnreadOnly)
        {
            notifications = notifications.Where(n => n.ReadAt == null);
        }

        return notifications
            .OrderByDescending(n => n.CreatedAt)
            .ThenBy(n => n.Id)
            .ToPagedListAsync(request.Page, request.PageSize, NotificationDto.From, cancellationToken);
    }
}
