using Xunit.Abstractions;
using Xunit.Sdk;

namespace Friday.Tests.Support;

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
