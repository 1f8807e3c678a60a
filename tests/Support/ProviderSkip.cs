using Xunit.Abstractions;
using Xunit.Sdk;

namespace Friday.Tests.Support;

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
