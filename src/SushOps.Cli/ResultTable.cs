using Spectre.Console;

namespace SushOps.Cli;

/// <summary>
/// Prints rows of results on standard output: a table for people on a terminal, and for programs reading a
/// pipe, tab-separated lines under a header line, one row a line, nothing wrapped.
/// </summary>
internal static class ResultTable
{
    public static void Print(string[] columns, IReadOnlyList<string[]> rows)
    {
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine(string.Join('\t', columns));
            foreach (var row in rows)
            {
                Console.WriteLine(string.Join('\t', row));
            }

            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns(columns);
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(table);
    }
}
