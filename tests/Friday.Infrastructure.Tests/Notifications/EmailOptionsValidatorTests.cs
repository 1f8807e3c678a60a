using Friday.Infrastructure.Notifications.Email;

namespace Friday.Infrastructure.Tests.Notifications;

public sealed class EmailOptionsValidatorTests
{
    private const string Password = "s3cret-smtp-password";

    [Fact]
    public void Validate_WhenNoHost_ShouldPass_EmailIsOff()
    {
        Assert.True(new EmailOptionsValidator().Validate(null, new EmailOptions()).Succeeded);
    }

    [Fact]
    public void Validate_WhenComplete_ShouldPass()
    {
        var options = Valid();
        options.Username = "friday";
        options.Password = Password;

        Assert.True(new EmailOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(null, "Email:FromAddress")]
    [InlineData("", "Email:FromAddress")]
    [InlineData("not an address", "Email:FromAddress")]
    [InlineData("Friday <friday@example.test>", "Email:FromAddress")]
    public void Validate_WhenFromAddressIsNotAPlainAddress_ShouldFail(string? from, string expected)
    {
        var options = Valid();
        options.FromAddress = from;

        var result = new EmailOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenCredentialsWithoutTls_ShouldFail_WithoutRepeatingThePassword()
    {
        var options = Valid();
        options.Tls = SmtpTls.None;
        options.Username = "friday";
        options.Password = Password;

        var result = new EmailOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("clear text", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenUsernameWithoutPassword_ShouldFail()
    {
        var options = Valid();
        options.Username = "friday";

        Assert.Contains("go together", new EmailOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenRetryMaxBelowInitial_ShouldFail()
    {
        var options = Valid();
        options.RetryInitialSeconds = 60;
        options.RetryMaxSeconds = 30;

        Assert.Contains("RetryMaxSeconds", new EmailOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    private static EmailOptions Valid() => new() { Host = "smtp.example.test", FromAddress = "friday@example.test" };
}
