using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Friday.Infrastructure.Persistence;

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTimeOffset, DateTime>(
    v => v.UtcDateTime,
    v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
