using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Friday.Application.Tests.Support;

/// <summary>Runs <paramref name="act"/> as a context starts to save: what another node does meanwhile.</summary>
public sealed class BeforeSave(Func<Task> act) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await act();
        return result;
    }
}
