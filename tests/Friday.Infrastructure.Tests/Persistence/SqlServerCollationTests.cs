using Friday.Infrastructure.Persistence;

namespace Friday.Infrastructure.Tests.Persistence;

/// <summary>Which SQL Server collations keep <c>alice</c> and <c>Alice</c> apart, as Friday's user ids need.</summary>
public sealed class SqlServerCollationTests
{
    [Theory]
    [InlineData("Latin1_General_100_CS_AS_SC_UTF8")]
    [InlineData("SQL_Latin1_General_CP1_CS_AS")]
    [InlineData("Latin1_General_100_BIN2")]
    [InlineData("Latin1_General_BIN")]
    public void IsCaseSensitive_ForCaseSensitiveOrBinaryCollations_ShouldBeTrue(string collation) =>
        Assert.True(SqlServerCollation.IsCaseSensitive(collation));

    [Theory]
    [InlineData("SQL_Latin1_General_CP1_CI_AS")]
    [InlineData("Latin1_General_100_CI_AS_SC_UTF8")]
    [InlineData("Latin1_General_CI_AI")]
    public void IsCaseSensitive_ForTheUsualCaseInsensitiveDefaults_ShouldBeFalse(string collation) =>
        Assert.False(SqlServerCollation.IsCaseSensitive(collation));
}
