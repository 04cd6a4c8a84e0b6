using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SushOps.Sheets;

namespace SushOps.Inventories;

/// <summary>An inventory's address as given to <c>-i</c> or <c>inventory:</c>: a file, a CSV URL or a sheet.</summary>
/// <param name="Kind">What kind of place it is.</param>
/// <param name="Name">How messages name it: the path, the URL, or the sheet's short form.</param>
public sealed record InventorySource(InventorySourceKind Kind, string Name)
{
    /// <summary>The sheet, for <see cref="InventorySourceKind.Sheet"/>.</summary>
    public SheetAddress? Sheet { get; init; }

    /// <summary>The URL, for <see cref="InventorySourceKind.Url"/>.</summary>
    public Uri? Url { get; init; }

    /// <summary>True for text that names a sheet or a URL rather than a file.</summary>
    public static bool IsRemote(string text) =>
        text.StartsWith(SheetAddress.Scheme, StringComparison.OrdinalIgnoreCase) || text.Contains("://");

    /// <summary>Reads an inventory address; a URL that is neither http(s) nor a sheet is an error.</summary>
    public static InventorySource Parse(string text)
    {
        if (text.StartsWith(SheetAddress.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return OfSheet(SheetAddress.FromShorthand(SheetAddress.Scheme + text[SheetAddress.Scheme.Length..]));
        }

        if (!text.Contains("://"))
        {
            return new InventorySource(InventorySourceKind.File, text);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new SushOpsException(
                $"The inventory {text} is not a file, an http(s) URL or a Google Sheet; give a CSV file, "
                + "a URL that answers with CSV, or the sheet's URL as the browser shows it");
        }

        if (SheetAddress.IsGoogleDocsUrl(uri) && SheetAddress.FromUrl(uri) is { } sheet)
        {
            return OfSheet(sheet);
        }

        return new InventorySource(InventorySourceKind.Url, uri.ToString()) { Url = uri };
    }

    /// <summary>A file name that keeps this source's last good copy apart from every other source's.</summary>
    public string CacheKey => Kind switch
    {
        InventorySourceKind.Sheet when Sheet!.Range is null =>
            $"sheet-{Sheet.SpreadsheetId}-gid-{Sheet.Gid?.ToString(CultureInfo.InvariantCulture) ?? "first"}",
        InventorySourceKind.Sheet => $"sheet-{Sheet!.SpreadsheetId}-range-{Hash(Sheet.Range)}",
        _ => $"url-{Hash(Name)}",
    };

    private static InventorySource OfSheet(SheetAddress sheet) =>
        new(InventorySourceKind.Sheet, sheet.ToString()) { Sheet = sheet };

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
