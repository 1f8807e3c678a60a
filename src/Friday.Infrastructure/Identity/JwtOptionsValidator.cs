using System.Text;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Identity;

/// <summary>Fails the start when the signing key is missing or too short to be safe.</summary>
internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return ValidateOptionsResult.Fail("Jwt:SigningKey is required: set it in configuration or the Jwt__SigningKey environment variable.");
        }

        return Encoding.UTF8.GetByteCount(options.SigningKey) < MinimumKeyBytes
            ? ValidateOptionsResult.Fail($"Jwt:SigningKey must be at least {MinimumKeyBytes} bytes.")
            : ValidateOptionsResult.Success;
    }
}
