using System.Text.Json;
using System.Text.Json.Serialization;

namespace Friday.Infrastructure.Realtime.Serialization;

/// <summary>Writes enums in snake_case, e.g. <c>DataChanged</c> as <c>data_changed</c>.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
