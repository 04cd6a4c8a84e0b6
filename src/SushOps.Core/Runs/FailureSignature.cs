using System.Text.RegularExpressions;

namespace SushOps.Runs;

/// <summary>A known way for a chef to fail, recognised by a line of its log.</summary>
/// <param name="Id">The cause's stable name.</param>
/// <param name="Description">The cause in words.</param>
/// <param name="Pattern">Matches a line of the log that shows this cause.</param>
/// <param name="QuoteLine">True when the matched line is worth showing after the description.</param>
public sealed record FailureSignature(string Id, string Description, Regex Pattern, bool QuoteLine = false);
