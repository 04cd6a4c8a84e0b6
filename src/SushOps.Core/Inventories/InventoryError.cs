namespace SushOps.Inventories;

/// <summary>One thing wrong with an inventory, placed by row and column so a person can find and fix it.</summary>
/// <param name="Row">Row as a spreadsheet shows it (header is row 1); 0 for the file as a whole.</param>
/// <param name="Column">The column's header as written in the file, or null.</param>
/// <param name="Message">What is wrong with the value and how to fix it.</param>
public sealed record InventoryError(int Row, string? Column, string Message)
{
    /// <summary>The error as one line that starts with the file, row and column.</summary>
    public string Render(string source) => (Row, Column) switch
    {
        (0, _) => $"{source}: {Message}",
        (_, null) => $"{source} row {Row}: {Message}",
        _ => $"{source} row {Row}, column \"{Column}\": {Message}",
    };
}
