using FluentValidation;
using FluentValidation.TestHelper;
using Friday.Application.Notifications;
using Friday.Application.Notifications.Commands;
using Moq;

namespace Friday.Application.Tests.Notifications;

public sealed class NotifyUsersValidationTests
{
    private static readonly IEmailDelivery EmailOn = Mock.Of<IEmailDelivery>(e => e.IsEnabled);
    private static readonly IEmailDelivery EmailOff = Mock.Of<IEmailDelivery>(e => !e.IsEnabled);

    [Fact]
    public void NotifyUsers_WhenValid_ShouldPass()
    {
        Validate(["alice", "bob"]).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void NotifyUsers_WhenNoUsers_ShouldFailOnUserIds()
    {
        Validate([]).ShouldHaveValidationErrorFor(c => c.UserIds).WithErrorMessage("'user_ids' must name at least one user.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void NotifyUsers_WhenAnIdIsBlank_ShouldFailOnThatId(string? blank)
    {
        Validate(["alice", blank!]).ShouldHaveValidationErrorFor("UserIds[1]");
    }

    [Fact]
    public void NotifyUsers_WhenMoreDistinctUsersThanTheLimit_ShouldFail_ButDuplicatesDoNotCount()
    {
        var distinct = Enumerable.Range(0, NotifyUsersCommand.MaxRecipients + 1).Select(i => $"u{i}").ToList();
        var repeated = Enumerable.Repeat("u", NotifyUsersCommand.MaxRecipients + 1).ToList();

        Validate(distinct).ShouldHaveValidationErrorFor(c => c.UserIds);
        Validate(repeated).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void NotifyUsers_WhenEmailWithSeveralUsers_ShouldFailOnEmail_ButOneUserNamedTwiceMayHaveOne()
    {
        Validate(["alice", "bob"], "alice@example.test").ShouldHaveValidationErrorFor(c => c.Email);
        Validate(["alice", "alice"], "alice@example.test").ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("@example.test")]
    [InlineData("alice@example")]
    [InlineData("Alice <alice@example.test>")]
    [InlineData("alice@example.test\r\nBcc: eve@example.test")]
    [InlineData("alice,eve@example.test")]
    [InlineData("al\u0007ice@example.test")]
    public void NotifyUser_WhenEmailIsNotAPlainAddress_ShouldFailOnEmail(string email)
    {
        new NotifyUserCommandValidator(EmailOn).TestValidate(new NotifyUserCommand("alice", "T", "M", "news", Email: email))
            .ShouldHaveValidationErrorFor(c => c.Email);
    }

    [Fact]
    public void NotifyUser_WhenEmailButNoMailServer_ShouldFailOnEmail()
    {
        new NotifyUserCommandValidator(EmailOff).TestValidate(new NotifyUserCommand("alice", "T", "M", "news", Email: "alice@example.test"))
            .ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("Email delivery is not configured on this server; leave 'email' out.");
    }

    [Fact]
    public void Request_WhenBothUserIdAndUserIds_ShouldThrowOnUserIds()
    {
        var error = Assert.Throws<ValidationException>(() => new NotificationRequest(UserId: "a", UserIds: ["b"], Message: "m", Type: "news").ToUsersCommand());

        Assert.Equal("user_ids", Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public void Request_WhenNoRecipient_ShouldThrow()
    {
        Assert.Throws<ValidationException>(() => new NotificationRequest(Message: "m", Type: "news").ToUsersCommand());
    }

    [Fact]
    public void Request_WithUserId_ShouldBecomeACommandForThatUser_WithEverythingElse()
    {
        var command = new NotificationRequest(UserId: "a", Title: "T", Message: "m", Type: "news", Email: "a@example.test").ToUsersCommand();

        Assert.Equal(["a"], command.UserIds);
        Assert.Equal(("T", "m", "news", "a@example.test"), (command.Title, command.Message, command.NotificationType, command.Email));
    }

    private static TestValidationResult<NotifyUsersCommand> Validate(List<string> userIds, string? email = null) =>
        new NotifyUsersCommandValidator(EmailOn).TestValidate(new NotifyUsersCommand(userIds, "Title", "Message", "news", Email: email));
}
