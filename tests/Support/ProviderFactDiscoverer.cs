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
