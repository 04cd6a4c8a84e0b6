using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using SushOps.Inventories;

namespace SushOps.Benchmarks;

/// <summary>Reading and validating an inventory of 1,000 chefs in the plain layout, from text in memory.</summary>
[MemoryDiagnoser]
public class InventoryLoadBenchmarks
{
    private string _csv = "";

    [GlobalSetup]
    public void CreateInventory()
    {
        var text = new StringBuilder("chef_name,repo_url,command,schedule,role,branch\n");
        for (var i = 0; i < 1000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"chef_{i},https://github.com/example/sushi-chef-{i}.git,");
            text.Append("\"python chef.py --lang=en\",H 2 * * *,vader,main\n");
        }

        _csv = text.ToString();
    }

    [Benchmark]
    public int Load1000Rows() =>
        InventoryLoader.Parse(new StringReader(_csv), "inventory.csv", "/srv").Chefs.Count;
}
