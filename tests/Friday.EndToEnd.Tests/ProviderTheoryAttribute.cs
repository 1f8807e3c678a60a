using Xunit.Sdk;

namespace Friday.EndToEnd.Tests;

/// <summary>A theory that runs against the database of its test class, skipped where that is an unconfigured PostgreSQL or SQL Server.</summary>
[XunitTestCaseDiscoverer("Friday.Tests.Support.ProviderTheoryDiscoverer", "Friday.EndToEnd.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderTheoryAttribute : TheoryAttribute;
