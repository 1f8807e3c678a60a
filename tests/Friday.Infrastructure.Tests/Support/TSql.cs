using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Friday.Infrastructure.Tests.Support;

/// <summary>
/// Microsoft's T-SQL parser, for checking SQL Server statements where no SQL Server runs: whether
/// they parse, what they are, and one canonical text per statement to compare scripts by.
/// </summary>
internal static class TSql
{
    /// <summary>SQL Server 2022's grammar, with double-quoted names as SqlClient connections have them (QUOTED_IDENTIFIER ON).</summary>
    public static (TSqlScript Script, IList<ParseError> Errors) Parse(string sql)
    {
        using var reader = new StringReader(sql);
        var script = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
        return (script, errors);
    }

    /// <summary>Parses and fails the test on the first syntax error.</summary>
    public static IReadOnlyList<TSqlStatement> Statements(string sql)
    {
        var (script, errors) = Parse(sql);
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"line {e.Line}: {e.Message}")) + "\n" + sql);
        return [.. script.Batches.SelectMany(b => b.Statements)];
    }

    public static string Canonical(TSqlFragment fragment)
    {
        new Sql160ScriptGenerator(new SqlScriptGeneratorOptions { IncludeSemicolons = false }).GenerateScript(fragment, out var text);
        return string.Join(' ', text.Split((char[])['\r', '\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }
}
