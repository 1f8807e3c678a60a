using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.Identity;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>The longest <see cref="LifetimeMinutes"/>: 30 days.</summary>
    public const int MaxLifetimeMinutes = 60 * 24 * 30;

    /// <summary>HMAC-SHA256 key, at least 32 bytes of UTF-8. Required outside Development.</summary>
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "friday";

    [Required]
    public string Audience { get; set; } = "friday-clients";

    /// <summary>Lifetime of tokens Friday issues itself (the development token endpoint).</summary>
    [Range(1, MaxLifetimeMinutes)]
    public int LifetimeMinutes { get; set; } = 60;

    /// <summary>Tolerance for clocks that disagree; kept small so expiry means expiry.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;
}
