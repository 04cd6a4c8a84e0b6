namespace SushOps.Inventories;

/// <summary>One row of an inventory as its source gave it, before any validation.</summary>
/// <param name="Row">The row number as a spreadsheet shows it (the header is usually row 1).</param>
/// <param name="Cells">The row's cells, left to right; a sheet may give fewer cells than the header has.</param>
public sealed record InventoryLine(int Row, string[] Cells);
