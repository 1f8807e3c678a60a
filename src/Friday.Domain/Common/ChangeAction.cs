namespace Friday.Domain.Common;

/// <summary>The <c>action</c> of a <c>data_changed</c> message.</summary>
public enum ChangeAction
{
    Created,
    Updated,
    Deleted,
    Completed,
}
