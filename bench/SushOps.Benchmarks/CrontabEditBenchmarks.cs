using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using SushOps.Scheduling;

namespace SushOps.Benchmarks;

/// <summary>Rewriting a 500-line crontab: half foreign lines, half sushops entries, a tenth of them changed.</summary>
[MemoryDiagnoser]
public class CrontabEditBenchmarks
{
    private string _crontab = "";
    private Dictionary<string, string> _wanted = [];

    [GlobalSetup]
    public void CreateCrontab()
    {
        var text = new StringBuilder("MAILTO=ops@example.org\n");
        for (var i = 0; i < 125; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"# backup job {i}\n");
            text.Append(CultureInfo.InvariantCulture, $"{i % 60} 1 * * * /usr/local/bin/backup {i}\n");
            text.Append(CultureInfo.InvariantCulture, $"# sushops:chef_{i}\n{Entry(i, "0 3 * * *")}\n");
        }

        _crontab = text.ToString();
        _wanted = Enumerable.Range(0, 125).ToDictionary(
            i => $"chef_{i}", i => Entry(i, i % 10 == 0 ? "30 4 * * 0" : "0 3 * * *"));
    }

    [Benchmark]
    public int Edit500Lines() => CrontabEdit.Apply(_crontab, _wanted, _ => true).Changes.Count;

    private static string Entry(int chef, string schedule) => string.Create(CultureInfo.InvariantCulture,
        $"{schedule} '/srv/chefs/.sushops/bin/run-chef' '/srv/chefs/chef_{chef}' '' cron 'python chef.py'");
}
