namespace Friday.Tests.Support;

/// <summary>Marks a test class whose <c>[ProviderFact]</c> tests run against SQL Server.</summary>
public interface ISqlServerTests;
