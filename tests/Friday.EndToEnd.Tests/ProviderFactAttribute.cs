using Xunit.Sdk;

namespace Friday.EndToEnd.Tests;

/// <summary>A fact that runs against the database of its test class, skipped where that is an unconfigured PostgreSQL or SQL Server.</summary>
[XunitTestCaseDiscoverer("Friday.Tests.Support.ProviderFactDiscoverer", "Friday.EndToEnd.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;
