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
        if (!File.Exists(path))
        {
            throw new SushOpsException(
                $"The inventory {path} does not exist; pass one with -i/--inventory or set inventory: in the config");
        }

        using var reader = new StreamReader(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Parse(reader, path, directory);
    }

    /// <summary>
    /// Parses inventory CSV text. Relative local repository paths are resolved against
    /// <paramref name="baseDirectory"/>.
    /// </summary>
    public static Inventory Parse(TextReader reader, string source, string baseDirectory)
    {
        var rows = ReadRows(reader, source);
        if (rows.Count == 0)
        {
            throw new InventoryException(source, [new InventoryError(0, null,
                "is empty; it needs a header row such as chef_name,repo_url,command,schedule")]);
        }

        var (header, headerRow) = rows[0];
        var columns = MapColumns(header);
        var missing = InventoryColumn.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(c => c.DisplayName));
            throw new InventoryException(source, [new InventoryError(headerRow, null,
                $"the header lacks the column(s) {names}; found {string.Join(", ", header.Select(h => $"\"{h}\""))}")]);
        }

        var errors = new List<InventoryError>();
        var chefs = new List<Chef>();

        // Every named row claims its name, valid or not, so a duplicate is reported in the same pass
        // as the first row's own errors.
        var firstRowOf = new Dictionary<string, int>();
        foreach (var (cells, rowNumber) in rows.Skip(1))
        {
            var row = new InventoryRow(cells, rowNumber, columns, header);
            if (row.Get(InventoryColumn.Name) is not { } name || (rowNumber == 2 && IsDescriptionRow(name)))
            {
                continue;
            }

            var chef = ReadChef(row, name, baseDirectory, errors);
            if (firstRowOf.TryGetValue(name, out var firstRow))
            {
                errors.Add(row.Error(InventoryColumn.Name,
                    $"\"{ChefRules.Printable(name)}\" is already the name of the chef in row {firstRow}; "
                    + "chef names must be unique"));
                continue;
            }

            firstRowOf[name] = rowNumber;
            if (chef is not null)
            {
                chefs.Add(chef);
            }
        }

        return errors.Count > 0 ? throw new InventoryException(source, errors) : new Inventory(source, chefs);
    }

    // The team's sheet carries, under its header, a row that describes each column in words;
    // a chef name never holds a space, so a name cell with one marks that row.
    private static bool IsDescriptionRow(string name) => name.Any(char.IsWhiteSpace);

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
        if (errors.Count > before)
        {
            return null;
        }

        if (ChefRules.IsLocalPath(repo!))
        {
            repo = Path.GetFullPath(repo!, baseDirectory);
        }

        return new Chef(name, repo!, command!, schedule, role, branch, channel, postSetup, cwd, row.Number);
    }

    private static Dictionary<InventoryColumn, int> MapColumns(string[] header)
    {
        var columns = new Dictionary<InventoryColumn, int>();
        foreach (var column in InventoryColumn.All)
        {
            var index = Array.FindIndex(header, column.Matches);
            if (index >= 0)
            {
                columns[column] = index;
            }
        }

        return columns;
    }

    private static List<(string[] Cells, int Row)> ReadRows(TextReader reader, string source)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = false,
            BadDataFound = null,
            IgnoreBlankLines = true,
        };
        var rows = new List<(string[], int)>();
        try
        {
            using var parser = new CsvParser(reader, configuration);
            while (parser.Read())
            {
                rows.Add((parser.Record ?? [], parser.Row));
            }
        }
        catch (CsvHelperException e)
        {
            throw new SushOpsException($"The inventory {source} is not readable as CSV: {e.Message}");
        }

        return rows;
    }
}
