namespace SushOps.Inventories;

/// <summary>An inventory that cannot be used; every error of the file is listed together.</summary>
public sealed class InventoryException(string source, IReadOnlyList<InventoryError> errors)
    : SushOpsException(Describe(source, errors), ExitCodes.Usage)
{
    /// <summary>Every error found in the file.</summary>
    public IReadOnlyList<InventoryError> Errors { get; } = errors;

    private static string Describe(string source, IReadOnlyList<InventoryError> errors)
    {
        var noun = errors.Count == 1 ? "error" : "errors";
        var lines = errors.Select(e => "  " + e.Render(source));
        return $"The inventory {source} has {errors.Count} {noun}; nothing was run:{Environment.NewLine}"
            + string.Join(Environment.NewLine, lines);
    }
}
