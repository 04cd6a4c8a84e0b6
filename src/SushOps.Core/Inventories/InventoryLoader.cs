using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace SushOps.Inventories;

/// <summary>
/// Reads an inventory CSV in either the team's sheet layout or the plain layout, finds columns by header
/// name, skips the sheet's description row and empty names, and validates every cell. All errors of a
/// file are collected and thrown together.
/// </summary>
public static class InventoryLoader
{
    /// <summary>Loads and validates the inventory file at <paramref name="path"/>.</summary>
    public static Inventory Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new SushOpsException($"The inventory {path} is a directory; give the inventory CSV file in it.");
        }

        if (!File.Exists(path))
        {
            throw new SushOpsException(
                $"The inventory {path} does not exist; pass one with -i/--inventory or set inventory: in the config");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new SushOpsException($"The inventory {path} cannot be read: {e.Message}");
        }

        using var reader = new StringReader(Decode(bytes, path));
        return Parse(reader, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    // UTF-8 (with or without its byte order mark), never a guess: a byte UTF-8 does not allow would otherwise
    // become U+FFFD in a command without a word.
    private static string Decode(byte[] bytes, string path)
    {
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        ReadOnlySpan<byte> text = bytes.AsSpan().StartsWith(byteOrderMark) ? bytes.AsSpan(3) : bytes;
        var chars = new char[text.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(text, chars, out var read, out var written, replaceInvalidSequences: false)
            is System.Buffers.OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var line = text[..read].Count((byte)'\n') + 1;
        throw new SushOpsException(
            $"The inventory {path} is not UTF-8 text: line {line} holds a byte that UTF-8 does not allow "
            + $"(0x{text[read]:X2}); save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\")");
    }

    /// <summary>
    /// Parses inventory CSV text. Relative local repository paths are resolved against
    /// <paramref name="baseDirectory"/>.
    /// </summary>
    public static Inventory Parse(TextReader reader, string source, string baseDirectory) =>
        FromLines(ReadCsv(reader, source), source, baseDirectory);

    /// <summary>
    /// Validates inventory rows read from any source (a CSV file, a sheet's CSV export, the Sheets API).
    /// Each line carries its row number as a spreadsheet shows it, which every error names.
    /// </summary>
    public static Inventory FromLines(IReadOnlyList<InventoryLine> lines, string source, string baseDirectory)
    {
        var rows = lines.Where(l => l.Cells.Any(c => c.Trim().Length > 0)).Select(l => (l.Cells, l.Row)).ToList();
        if (rows.Count == 0)
        {
            throw new InventoryException(source, [new InventoryError(0, null,
                "is empty; it needs a header row such as chef_name,repo_url,command,schedule")]);
        }

        var (header, headerRow) = rows[0];
        var columns = ReadHeader(header, headerRow, source);
        var errors = new List<InventoryError>();
        var chefs = ReadChefs(rows.Skip(1), columns, header, headerRow, baseDirectory, errors);
        return errors.Count > 0 ? throw new InventoryException(source, errors) : new Inventory(source, chefs);
    }

    private static Dictionary<InventoryColumn, int> ReadHeader(string[] header, int headerRow, string source)
    {
        var errors = new List<InventoryError>();
        var columns = new Dictionary<InventoryColumn, int>();
        foreach (var column in InventoryColumn.All)
        {
            var matches = header.Select((name, index) => (name, index)).Where(h => column.Matches(h.name)).ToList();
            if (matches.Count > 1)
            {
                var names = string.Join(" and ", matches.Select(m => $"\"{m.name.Trim()}\""));
                errors.Add(new InventoryError(headerRow, null,
                    $"the columns {names} both hold {column.DisplayName}; keep one of them"));
            }

            if (matches.Count > 0)
            {
                columns[column] = matches[0].index;
            }
        }

        var missing = InventoryColumn.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(c => $"{c.DisplayName} (or \"{c.SheetName}\")"));
            var found = string.Join(", ", header.Select(h => $"\"{Shorten(ChefRules.Printable(h))}\""));
            errors.Add(new InventoryError(headerRow, null, $"the header lacks the column(s) {names}; found {found}"));
        }

        return errors.Count > 0 ? throw new InventoryException(source, errors) : columns;
    }

    private static List<Chef> ReadChefs(
        IEnumerable<(string[] Cells, int Row)> rows,
        Dictionary<InventoryColumn, int> columns,
        string[] header,
        int headerRow,
        string baseDirectory,
        List<InventoryError> errors)
    {
        var chefs = new List<Chef>();
        var sheetLayout = InventoryColumn.Normalize(header[columns[InventoryColumn.Name]])
                          == InventoryColumn.Normalize(InventoryColumn.Name.SheetName);

        // Every named row claims its name, valid or not, so a duplicate is reported in the same pass
        // as the first row's own errors.
        // Names that differ only in case would share a chef folder on macOS and Windows.
        var firstOf = new Dictionary<string, (int Row, string Name)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (cells, rowNumber) in rows)
        {
            var row = new InventoryRow(cells, rowNumber, columns, header);
            var name = row.Get(InventoryColumn.Name);
            if (name is null)
            {
                continue;
            }

            if (sheetLayout && rowNumber == headerRow + 1 && IsDescriptionRow(name))
            {
                Serilog.Log.Information("Row {Row} describes the columns in words; it is skipped", rowNumber);
                continue;
            }

            if (cells.Skip(header.Length).Any(c => c.Trim().Length > 0))
            {
                errors.Add(new InventoryError(rowNumber, null,
                    $"has {cells.Length} cells but the header has {header.Length} columns; "
                    + "put a cell that holds a comma in double quotes"));
            }

            var chef = ReadChef(row, name, baseDirectory, errors);
            if (firstOf.TryGetValue(name, out var first))
            {
                errors.Add(row.Error(InventoryColumn.Name, first.Name == name
                    ? $"\"{ChefRules.Printable(name)}\" is already the name of the chef in row {first.Row}; "
                      + "chef names must be unique"
                    : $"\"{ChefRules.Printable(name)}\" differs only in case from \"{first.Name}\", the chef in row "
                      + $"{first.Row}; chef names must be unique whatever their case (on macOS and Windows both "
                      + "would share one folder)"));
                continue;
            }

            firstOf[name] = (rowNumber, name);
            if (chef is not null)
            {
                chefs.Add(chef);
            }
        }

        return chefs;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // The team's sheet carries, under its header, a row that describes each column in words; a chef name
    // never holds a space, so a name cell with one marks that row. A line break instead is more likely a
    // double quote that is never closed, which validation reports.
    private static bool IsDescriptionRow(string name) => name.Contains(' ') && !name.Contains('\n');

    private static Chef? ReadChef(InventoryRow row, string name, string baseDirectory, List<InventoryError> errors)
    {
        var before = errors.Count;
        row.Check(InventoryColumn.Name, ChefRules.CheckName, errors);
        var repo = row.Check(InventoryColumn.Repo, ChefRules.CheckRepoUrl, errors, required: true);
        var command = row.Check(InventoryColumn.Command, ChefRules.CheckCommand, errors, required: true);
        var schedule = row.Check(InventoryColumn.Schedule, ChefRules.CheckSchedule, errors);
        var role = row.Check(InventoryColumn.Role, ChefRules.CheckRole, errors);
        var branch = row.Check(InventoryColumn.Branch, ChefRules.CheckBranch, errors);
        var channel = row.Check(InventoryColumn.ChannelId, ChefRules.CheckChannelId, errors);
        var postSetup = row.Check(InventoryColumn.PostSetup, ChefRules.CheckCommand, errors);
        var cwd = row.Check(InventoryColumn.WorkingDirectory, ChefRules.CheckWorkingDirectory, errors);
        var review = row.Check(InventoryColumn.Review, ChefRules.CheckReview, errors);
        if (errors.Count > before)
        {
            return null;
        }

        if (ChefRules.IsLocalPath(repo!))
        {
            repo = Path.GetFullPath(repo!, baseDirectory);
        }

        return new Chef(name, repo!, command!, schedule, role, branch, channel, postSetup, cwd, row.Number)
        {
            Review = review is null ? null : ChefReview.TryParse(review, out _),
        };
    }

    private const string NeverClosed =
        "a double quote opens a cell that is never closed, so the rest of the file was read as that one cell; "
        + "close the quote";

    // Quotes that open and close a cell, or are doubled in it, come in pairs.
    private static bool IsUnclosed(string rawRecord) => rawRecord.Count(c => c == '"') % 2 == 1;

    /// <summary>
    /// Reads CSV text into lines, each with its row number (header is row 1). Quoting that CSV does not allow is
    /// an error of the row it is in; the cells are never guessed.
    /// </summary>
    public static IReadOnlyList<InventoryLine> ReadCsv(TextReader reader, string source)
    {
        var errors = new List<InventoryError>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = false,
            BadDataFound = bad =>
            {
                // A quote inside a cell that does not start with one is kept as written, as people write
                // commands (echo x > "a b.txt"); only a cell that starts quoted must end at its closing quote.
                if (bad.Field.StartsWith('"'))
                {
                    errors.Add(new InventoryError(bad.Context.Parser?.Row ?? 0, null, IsUnclosed(bad.RawRecord)
                        ? NeverClosed
                        : $"text after the closing quote of a cell ({Shorten(bad.Field)}); put the whole cell in "
                          + "double quotes and double each quote in it"));
                }
            },
            IgnoreBlankLines = true,
        };
        var rows = new List<InventoryLine>();
        try
        {
            using var parser = new CsvParser(reader, configuration);
            while (parser.Read())
            {
                rows.Add(new InventoryLine(parser.Row, parser.Record ?? []));
            }
        }
        catch (CsvHelperException e)
        {
            throw new SushOpsException($"The inventory {source} is not readable as CSV: {e.Message}");
        }

        return errors.Count == 0 ? rows : throw new InventoryException(source, errors.DistinctBy(e => e.Row).ToList());
    }
}
