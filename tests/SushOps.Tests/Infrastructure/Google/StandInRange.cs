using System.Text.RegularExpressions;

namespace SushOps.Tests.Infrastructure.Google;

/// <summary>
/// A range in A1 notation as the Sheets API reads it: <c>Chefs</c>, <c>'My chefs'!A1:K</c>, <c>B3:D</c>
/// (on the first sheet). Columns and rows are 1-based; null ends mean "to the end of the grid".
/// </summary>
public sealed partial record StandInRange(
    StandInSheet Sheet,
    int FirstColumn,
    int FirstRow,
    int LastColumn,
    int LastRow)
{
    public const int GridColumns = 26;
    public const int GridRows = 1000;

    public static StandInRange? Parse(string text, StandInSpreadsheet spreadsheet)
    {
        var bang = text.LastIndexOf('!');
        var (sheetName, cells) = bang < 0 ? (null, text) : (text[..bang], text[(bang + 1)..]);
        if (sheetName is null && spreadsheet.Sheets.FirstOrDefault(s => s.Title == Unquote(text)) is { } named)
        {
            return new StandInRange(named, 1, 1, GridColumns, GridRows);
        }

        var sheet = sheetName is null ? spreadsheet.Sheets[0]
            : spreadsheet.Sheets.FirstOrDefault(s => s.Title == Unquote(sheetName));
        var match = Cells().Match(cells);
        if (sheet is null || !match.Success)
        {
            return null;
        }

        return new StandInRange(
            sheet,
            Column(match.Groups["c1"].Value),
            match.Groups["r1"].Success ? int.Parse(match.Groups["r1"].Value) : 1,
            match.Groups["c2"].Success ? Column(match.Groups["c2"].Value) : GridColumns,
            match.Groups["r2"].Success ? int.Parse(match.Groups["r2"].Value) : GridRows);
    }

    /// <summary>The range as the API writes it back: the sheet's name (quoted when needed) and the cells.</summary>
    public override string ToString()
    {
        var title = SimpleTitle().IsMatch(Sheet.Title) ? Sheet.Title : $"'{Sheet.Title.Replace("'", "''")}'";
        return $"{title}!{Letter(FirstColumn)}{FirstRow}:{Letter(LastColumn)}{LastRow}";
    }

    /// <summary>
    /// The values the API answers with: trailing empty cells of each row and trailing empty rows left out.
    /// </summary>
    public List<string[]> Values()
    {
        var rows = new List<string[]>();
        for (var row = FirstRow; row <= Math.Min(LastRow, Sheet.Rows.Count); row++)
        {
            var cells = Sheet.Rows[row - 1];
            var slice = Enumerable.Range(FirstColumn, LastColumn - FirstColumn + 1)
                .Select(c => c <= cells.Length ? cells[c - 1] : "").ToList();
            while (slice.Count > 0 && slice[^1].Length == 0)
            {
                slice.RemoveAt(slice.Count - 1);
            }

            rows.Add([.. slice]);
        }

        while (rows.Count > 0 && rows[^1].Length == 0)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return rows;
    }

    private static string Unquote(string name) =>
        name.Length >= 2 && name[0] == '\'' && name[^1] == '\'' ? name[1..^1].Replace("''", "'") : name;

    private static int Column(string letters) =>
        letters.ToUpperInvariant().Aggregate(0, (n, c) => (n * 26) + c - 'A' + 1);

    private static string Letter(int column) =>
        column <= 26
            ? ((char)('A' + column - 1)).ToString()
            : Letter((column - 1) / 26) + Letter(((column - 1) % 26) + 1);

    [GeneratedRegex(@"^(?<c1>[A-Za-z]{1,3})(?<r1>\d+)?(?::(?<c2>[A-Za-z]{1,3})(?<r2>\d+)?)?$")]
    private static partial Regex Cells();

    [GeneratedRegex(@"^[A-Za-z0-9_]+$")]
    private static partial Regex SimpleTitle();
}
