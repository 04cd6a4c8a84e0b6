using System.Globalization;
using BenchmarkDotNet.Attributes;
using SushOps.Configuration;
using SushOps.Inventories;
using SushOps.Plans;
using SushOps.Targeting;

namespace SushOps.Benchmarks;

/// <summary>
/// Choosing the targets of <c>update --all</c> for 100 chefs on 5 hosts (one role each) and rendering each plan's
/// script.
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private SushOpsConfig _config = SushOpsConfig.Default;
    private Inventory _inventory = null!;

    [GlobalSetup]
    public void CreateFleet()
    {
        var roles = Enumerable.Range(1, 5).Select(h => string.Create(CultureInfo.InvariantCulture,
            $"  r{h}:\n    hosts: [h{h}]\n    chefs_dir: /srv/chefs\n"));
        _config = ConfigLoader.Parse(new StringReader("roles:\n" + string.Concat(roles)), "sushops.yaml", "/srv");
        var rows = Enumerable.Range(0, 100).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"chef_{i},https://github.com/example/sushi-chef-{i}.git,python chef.py,r{i % 5 + 1},main"));
        var csv = "chef_name,repo_url,command,role,branch\n" + string.Join("\n", rows) + "\n";
        _inventory = InventoryLoader.Parse(new StringReader(csv), "inventory.csv", "/srv");
    }

    [Benchmark]
    public int UpdatePlansFor100Chefs()
    {
        var length = 0;
        foreach (var target in TargetSelector.Select(_config, _inventory, new TargetRequest([], All: true)))
        {
            length += Planner.Update(target).RenderScript().Length;
        }

        return length;
    }
}
