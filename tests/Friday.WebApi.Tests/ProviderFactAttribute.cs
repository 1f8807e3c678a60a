using Xunit.Sdk;

namespace Friday.WebApi.Tests;

/// <summary>A fact that runs against the database of its test class, skipped where that is an unconfigured PostgreSQL or SQL Server.</summary>
[XunitTestCaseDiscoverer("Friday.Tests.Support.ProviderFactDiscoverer", "Friday.WebApi.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;
