using Xunit.Abstractions;
using Xunit.Sdk;

namespace Friday.Tests.Support;

/// <summary>
/// Discovers a test inherited by a test class marked <see cref="IPostgresTests"/> or <see cref="ISqlServerTests"/> as skipped, with the reason, when
/// FRIDAY_TEST_POSTGRES or FRIDAY_TEST_SQLSERVER is not set: the same test bodies then run against SQLite, PostgreSQL and SQL Server, and the totals show which ones did not run. Each test assembly declares its own
/// <c>ProviderFactAttribute</c> and <c>ProviderTheoryAttribute</c> naming these discoverers, since the discoverer's assembly must be named.
/// </summary>
public sealed class ProviderFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        return [ProviderSkip.For(diagnosticMessageSink, discoveryOptions, testMethod)
            ?? new XunitTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
    }
}

/// <summary>The theory counterpart of <see cref="ProviderFactDiscoverer"/>: one skipped case for the whole theory.</summary>
public sealed class ProviderTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var skipped = ProviderSkip.For(DiagnosticMessageSink, discoveryOptions, testMethod);
        return skipped is null ? base.Discover(discoveryOptions, testMethod, theoryAttribute) : [skipped];
    }
}

internal static class ProviderSkip
{
    public static IXunitTestCase? For(IMessageSink diagnosticMessageSink, ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod) =>
        Reason(testMethod.TestClass.Class.ToRuntimeType()) is { } reason
            ? new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)
            : null;

    private static string? Reason(Type testClass) =>
        typeof(IPostgresTests).IsAssignableFrom(testClass) && TestPostgres.ConnectionString is null ? TestPostgres.SkipReason
        : typeof(ISqlServerTests).IsAssignableFrom(testClass) && TestSqlServer.ConnectionString is null ? TestSqlServer.SkipReason
        : null;
}

/// <summary>Marks a test class whose <c>[ProviderFact]</c> tests run against PostgreSQL.</summary>
public interface IPostgresTests;

/// <summary>Marks a test class whose <c>[ProviderFact]</c> tests run against SQL Server.</summary>
public interface ISqlServerTests;
