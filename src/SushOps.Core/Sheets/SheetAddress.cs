using System.Globalization;
using System.Text.RegularExpressions;

namespace SushOps.Sheets;

/// <summary>
/// One sheet of a Google spreadsheet: the spreadsheet's id and either a sheet (tab) id, the <c>gid</c> of its
/// URL, or a range in A1 notation such as <c>Chefs!A1:K</c>. With neither, the spreadsheet's first sheet.
/// </summary>
/// <param name="SpreadsheetId">The id in the URL after <c>/spreadsheets/d/</c>.</param>
/// <param name="Gid">The sheet's id, as in <c>#gid=123</c>.</param>
/// <param name="Range">A range in A1 notation, optionally with the sheet's name.</param>
public sealed partial record SheetAddress(string SpreadsheetId, long? Gid = null, string? Range = null)
{
    /// <summary>The prefix of the short forms: <c>gsheet:ID</c>, <c>gsheet:ID#GID</c>, <c>gsheet:ID!A1</c>.</summary>
    public const string Scheme = "gsheet:";

    private const string Forms = "https://docs.google.com/spreadsheets/d/<id>/edit#gid=<gid> as the browser shows it, "
        + "or gsheet:<id>, gsheet:<id>#<gid>, gsheet:<id>!<range>";

    /// <summary>True when <paramref name="uri"/> is on Google Docs, where only sheet URLs are accepted.</summary>
    public static bool IsGoogleDocsUrl(Uri uri) =>
        uri.Host.Equals("docs.google.com", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The sheet a Google Docs URL points at. A published sheet's CSV (<c>/d/e/…/pub?output=csv</c>) is a
    /// plain CSV URL and gives null; any other Google Docs address is an error that says what to give.
    /// </summary>
    public static SheetAddress? FromUrl(Uri uri)
    {
        var match = SheetPath().Match(uri.AbsolutePath);
        if (match.Success && match.Groups["id"].Value != "e")
        {
            var gid = GidParameter().Match(uri.Fragment) is { Success: true } inFragment ? inFragment
                : GidParameter().Match(uri.Query);
            return new SheetAddress(
                match.Groups["id"].Value,
                gid.Success ? long.Parse(gid.Groups["gid"].Value, CultureInfo.InvariantCulture) : null);
        }

        if (match.Success && uri.Query.Contains("output=csv", StringComparison.Ordinal))
        {
            return null;
        }

        throw new SushOpsException(
            $"{uri} is not a Google Sheet URL; give the sheet as {Forms}. A sheet published to the web "
            + "works too with its CSV link (File > Share > Publish to web, format CSV).");
    }

    /// <summary>Reads the short form <c>gsheet:ID[#GID | !RANGE]</c>.</summary>
    public static SheetAddress FromShorthand(string text)
    {
        var match = Shorthand().Match(text);
        if (!match.Success)
        {
            throw new SushOpsException($"\"{text}\" is not a sheet address; give the sheet as {Forms}.");
        }

        var gid = match.Groups["gid"].Success
            ? long.Parse(match.Groups["gid"].Value, CultureInfo.InvariantCulture)
            : (long?)null;
        var range = match.Groups["range"].Success ? match.Groups["range"].Value : null;
        return new SheetAddress(match.Groups["id"].Value, gid, range);
    }

    /// <summary>The short form, which <see cref="FromShorthand"/> reads back.</summary>
    public override string ToString() =>
        Scheme + SpreadsheetId + (Gid is { } gid ? $"#{gid}" : "") + (Range is { } range ? $"!{range}" : "");

    [GeneratedRegex(@"^/spreadsheets/(?:u/\d+/)?d/(?<id>[A-Za-z0-9_-]+)(?:/|$)")]
    private static partial Regex SheetPath();

    [GeneratedRegex(@"(?:^|[#?&])gid=(?<gid>\d{1,18})(?:&|$)")]
    private static partial Regex GidParameter();

    [GeneratedRegex(@"^gsheet:(?<id>[A-Za-z0-9_-]{10,})(?:#(?<gid>\d{1,18})|!(?<range>\S.*))?$")]
    private static partial Regex Shorthand();
}
