namespace Friday.Domain.Activities;

/// <summary>What kind of entity an activity is about.</summary>
public enum ActivitySubject
{
    Note,
    Task,
}
