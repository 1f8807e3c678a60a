namespace Friday.Application.Common.Models;

/// <summary>Paging rules shared by every list query.</summary>
public static class PageRequest
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}
