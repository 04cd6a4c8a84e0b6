namespace SushOps.Hosts;

/// <summary>
/// OpenSSH's host pattern lists: comma-separated globs where <c>*</c> and <c>?</c> are wildcards and a
/// leading <c>!</c> negates. A negated match vetoes the whole list, whatever else matched.
/// </summary>
internal static class HostPattern
{
    /// <summary>Whether <paramref name="host"/> (already lower case) matches the pattern list.</summary>
    public static bool ListMatches(string patternList, string host)
    {
        var matched = false;
        foreach (var item in patternList.Split(','))
        {
            var negated = item.StartsWith('!');
            var pattern = (negated ? item[1..] : item).ToLowerInvariant();
            if (pattern.Length == 0 || !GlobMatches(pattern, host))
            {
                continue;
            }

            if (negated)
            {
                return false;
            }

            matched = true;
        }

        return matched;
    }

    /// <summary>Glob match where <c>*</c> is any run of characters and <c>?</c> is exactly one.</summary>
    public static bool GlobMatches(string pattern, string text)
    {
        // Greedy scan that backtracks only to the last star: linear for the patterns people write.
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
