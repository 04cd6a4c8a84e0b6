namespace SushOps.Inventories;

/// <summary>Where an inventory is read from.</summary>
public enum InventorySourceKind
{
    /// <summary>A CSV file on this machine.</summary>
    File,

    /// <summary>Any http(s) URL that answers with CSV.</summary>
    Url,

    /// <summary>A Google Sheet, through its CSV export or the Sheets API.</summary>
    Sheet,
}
