namespace SushOps.Inventories;

/// <summary>One data row of an inventory, with its cells found by column.</summary>
internal sealed class InventoryRow(
    string[] cells,
    int number,
    IReadOnlyDictionary<InventoryColumn, int> columns,
    string[] header)
{
    public int Number { get; } = number;

    /// <summary>The trimmed cell of that column, or null when the column is absent or the cell empty.</summary>
    public string? Get(InventoryColumn column)
    {
        if (!columns.TryGetValue(column, out var index) || index >= cells.Length)
        {
            return null;
        }

        var value = cells[index].Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>Reads a cell and records what <paramref name="rule"/> finds wrong with it.</summary>
    public string? Check(
        InventoryColumn column,
        Func<string, string?> rule,
        List<InventoryError> errors,
        bool required = false)
    {
        var value = Get(column);
        if (value is null)
        {
            if (required)
            {
                errors.Add(Error(column, $"the cell is empty; every chef needs a {column.DisplayName}"));
            }

            return null;
        }

        if (rule(value) is { } problem)
        {
            errors.Add(Error(column, problem));
        }

        return value;
    }

    public InventoryError Error(InventoryColumn column, string message)
    {
        var name = columns.TryGetValue(column, out var index) ? header[index].Trim() : column.DisplayName;
        return new InventoryError(Number, name, message);
    }
}
