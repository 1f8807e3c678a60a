namespace Friday.Infrastructure.Realtime;

internal enum RegistrationResult
{
    Added,
    Replaced,
    IdTakenByAnotherUser,
}
