using SushOps.Configuration;
using SushOps.Inventories;
using SushOps.Targeting;

namespace SushOps.Tests.Targeting;

public class TargetSelectorTests
{
    private const string KnownRoles = "Roles: local, vader, cloud-kitchen, spare.";

    private static readonly SushOpsConfig Config = ConfigLoader.Parse(
        new StringReader("""
            roles:
              vader:
                hosts: ["chef@vader.example.org:2222"]
              cloud-kitchen:
                hosts: [ck1.example.org, ck2.example.org]
                chefs_dir: /srv/chefs
                python: python3.11
              spare:
            """),
        "sushops.yaml",
        "/etc/sushops");

    private static readonly Inventory Chefs = InventoryLoader.Parse(
        new StringReader("""
            chef_name,repo_url,command,role
            khan,https://h.example/khan.git,run,vader
            pradigi,https://h.example/pradigi.git,run,cloud-kitchen
            loose,https://h.example/loose.git,run,
            orphan,https://h.example/orphan.git,run,atlantis
            """),
        "inventory.csv",
        "/srv/inventories");

    private static IReadOnlyList<Target> Select(
        TargetRequest request, SushOpsConfig? config = null, Inventory? inventory = null) =>
        TargetSelector.Select(config ?? Config, inventory ?? Chefs, request);

    private static SushOpsException Fails(
        TargetRequest request, SushOpsConfig? config = null, Inventory? inventory = null)
    {
        var e = Assert.Throws<SushOpsException>(() => Select(request, config, inventory));
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        return e;
    }

    private static (string Chef, string Host, string Role)[] Pairs(IEnumerable<Target> targets) =>
        targets.Select(t => (t.Chef.Name, t.Host.Name, t.Host.Role.Name)).ToArray();

    [Fact]
    public void A_chef_goes_to_the_hosts_of_its_role_column()
    {
        var target = Assert.Single(Select(new TargetRequest(["khan"])));

        Assert.Equal(("khan", "chef@vader.example.org:2222", "vader"), Pairs([target])[0]);
        Assert.Equal(new HostAddress("vader.example.org", "chef", 2222), target.Host.Address);
        Assert.Equal(("~/sushi-chefs", "python3"), (target.Host.ChefsDir, target.Host.Python));
        Assert.False(target.Host.IsLocal);
    }

    [Fact]
    public void A_role_with_several_hosts_gives_one_target_per_host()
    {
        var targets = Select(new TargetRequest(["pradigi"]));

        Assert.Equal(
            [("pradigi", "ck1.example.org", "cloud-kitchen"), ("pradigi", "ck2.example.org", "cloud-kitchen")],
            Pairs(targets));
        Assert.All(targets, t => Assert.Equal(("/srv/chefs", "python3.11"), (t.Host.ChefsDir, t.Host.Python)));
    }

    [Fact]
    public void Role_option_beats_the_role_column()
    {
        var targets = Select(new TargetRequest(["khan"], Roles: ["cloud-kitchen"]));

        Assert.Equal(
            [("khan", "ck1.example.org", "cloud-kitchen"), ("khan", "ck2.example.org", "cloud-kitchen")],
            Pairs(targets));
    }

    [Fact]
    public void Host_option_beats_the_role_option()
    {
        var targets = Select(new TargetRequest(["khan"], Roles: ["vader"], Hosts: ["ck2.example.org"]));

        Assert.Equal([("khan", "ck2.example.org", "cloud-kitchen")], Pairs(targets));
    }

    [Fact]
    public void Several_roles_give_the_hosts_of_each()
    {
        var targets = Select(new TargetRequest(["loose"], Roles: ["vader", "cloud-kitchen", "vader"]));

        Assert.Equal(
            ["chef@vader.example.org:2222", "ck1.example.org", "ck2.example.org"],
            targets.Select(t => t.Host.Name));
    }

    [Fact]
    public void Several_chefs_on_several_hosts_give_every_pair_once()
    {
        var targets = Select(new TargetRequest(["khan", "pradigi", "khan"], Hosts: ["ck1.example.org", "local"]));

        Assert.Equal(
            [
                ("khan", "ck1.example.org", "cloud-kitchen"),
                ("khan", "local", "local"),
                ("pradigi", "ck1.example.org", "cloud-kitchen"),
                ("pradigi", "local", "local"),
            ],
            Pairs(targets));
    }

    [Fact]
    public void Without_a_config_a_chef_without_role_runs_on_the_only_role_local()
    {
        var target = Assert.Single(Select(new TargetRequest(["loose"]), SushOpsConfig.Default));

        Assert.True(target.Host.IsLocal);
        Assert.Null(target.Host.Address);
        Assert.Equal("local", target.Host.Name);
        Assert.Equal(SushOpsConfig.DefaultLocalChefsDir, target.Host.ChefsDir);
    }

    [Fact]
    public void The_role_column_beats_the_only_role_that_exists()
    {
        var e = Fails(new TargetRequest(["khan"]), SushOpsConfig.Default);

        Assert.Equal(
            "Chef khan (row 2) is in role \"vader\", which no config defines: no config file was found "
            + $"(./sushops.yaml or {ConfigLoader.UserConfigPath}), so only the local role exists. "
            + "Give -R local or -H HOST, or write a config that defines the role.",
            e.Message);
    }

    [Fact]
    public void A_chef_without_role_among_several_roles_asks_for_a_role_or_host()
    {
        var e = Fails(new TargetRequest(["loose"]));

        Assert.Equal(
            $"Chef loose names no role and several exist; give -R ROLE or -H HOST. {KnownRoles}",
            e.Message);
    }

    [Fact]
    public void A_chef_whose_role_is_not_configured_names_its_row_and_the_roles_that_exist()
    {
        var e = Fails(new TargetRequest(["orphan"]));

        Assert.Equal(
            $"Chef orphan (row 5) is in role \"atlantis\", which sushops.yaml does not define. {KnownRoles} "
            + "Give -R ROLE or add the role to the config.",
            e.Message);
    }

    [Fact]
    public void All_chefs_whose_roles_are_not_configured_are_named_at_once()
    {
        var e = Fails(new TargetRequest([], All: true), SushOpsConfig.Default);

        Assert.StartsWith(
            "Chefs khan (row 2, role \"vader\"), pradigi (row 3, role \"cloud-kitchen\"), "
            + "orphan (row 5, role \"atlantis\") are in roles that no config defines:",
            e.Message);
    }

    [Fact]
    public void A_role_option_rescues_a_chef_whose_role_is_not_configured()
    {
        var target = Assert.Single(Select(new TargetRequest(["orphan"], Roles: ["vader"])));

        Assert.Equal("vader", target.Host.Role.Name);
    }

    [Fact]
    public void The_local_role_is_available_beside_configured_roles()
    {
        var target = Assert.Single(Select(new TargetRequest(["khan"], Roles: ["local"])));

        Assert.True(target.Host.IsLocal);
        Assert.Equal(Config.Roles["local"], target.Host.Role);
        Assert.Equal(SushOpsConfig.DefaultLocalChefsDir, target.Host.ChefsDir);
    }

    [Fact]
    public void Host_local_is_this_machine()
    {
        var target = Assert.Single(Select(new TargetRequest(["khan"], Hosts: ["local"])));

        Assert.True(target.Host.IsLocal);
        Assert.Equal("local", target.Host.Role.Name);
    }

    [Fact]
    public void A_configured_host_given_with_the_host_option_gets_its_role_settings()
    {
        var target = Assert.Single(Select(new TargetRequest(["loose"], Hosts: ["ck2.example.org"])));

        var host = target.Host;
        Assert.Equal(("cloud-kitchen", "/srv/chefs", "python3.11"), (host.Role.Name, host.ChefsDir, host.Python));
    }

    [Theory]
    [InlineData("chef@vader.example.org:2222")]
    [InlineData("vader.example.org")]
    public void A_configured_host_is_found_by_its_full_address_or_its_name(string host)
    {
        var target = Assert.Single(Select(new TargetRequest(["loose"], Hosts: [host])));

        Assert.Equal("vader", target.Host.Role.Name);
        Assert.Equal(new HostAddress("vader.example.org", "chef", 2222), target.Host.Address);
    }

    [Fact]
    public void A_configured_host_given_with_another_user_keeps_its_role_settings()
    {
        var target = Assert.Single(Select(new TargetRequest(["loose"], Hosts: ["ops@ck1.example.org"])));

        Assert.Equal(new HostAddress("ck1.example.org", "ops"), target.Host.Address);
        Assert.Equal(("cloud-kitchen", "/srv/chefs"), (target.Host.Role.Name, target.Host.ChefsDir));
    }

    [Fact]
    public void An_ad_hoc_host_gets_the_default_chefs_dir_and_python()
    {
        var target = Assert.Single(Select(new TargetRequest(["khan"], Hosts: ["deploy@new.example.org:2200"])));

        Assert.Equal(new HostAddress("new.example.org", "deploy", 2200), target.Host.Address);
        Assert.Equal("deploy@new.example.org:2200", target.Host.Name);
        Assert.Equal(("~/sushi-chefs", "python3"), (target.Host.ChefsDir, target.Host.Python));
        Assert.DoesNotContain(target.Host.Role.Name, Config.Roles.Keys);
    }

    [Fact]
    public void An_ad_hoc_host_gets_the_configs_top_level_chefs_dir()
    {
        var config = ConfigLoader.Parse(
            new StringReader("chefs_dir: ~/kitchen\nroles:\n  vader:\n    hosts: [vader.example.org]\n"),
            "sushops.yaml",
            "/etc/sushops");

        var target = Assert.Single(Select(new TargetRequest(["khan"], Hosts: ["new.example.org"]), config));

        Assert.Equal("~/kitchen", target.Host.ChefsDir);
    }

    [Fact]
    public void An_ad_hoc_host_that_is_not_an_address_is_refused()
    {
        var e = Fails(new TargetRequest(["khan"], Hosts: ["new host"]));

        Assert.Equal(
            "\"new host\" is not a host; write [user@]host[:port], for example chef@vader.example.org:2222",
            e.Message);
    }

    [Fact]
    public void All_gives_every_chef_in_inventory_order()
    {
        var targets = Select(new TargetRequest([], All: true, Hosts: ["local"]));

        Assert.Equal(["khan", "pradigi", "loose", "orphan"], targets.Select(t => t.Chef.Name));
    }

    [Fact]
    public void All_names_the_chefs_of_unknown_roles_before_a_chef_that_names_no_role()
    {
        var e = Fails(new TargetRequest([], All: true));

        Assert.StartsWith(
            "Chef orphan (row 5) is in role \"atlantis\", which sushops.yaml does not define.", e.Message);
    }

    [Fact]
    public void All_without_a_target_stops_at_the_first_chef_that_has_none()
    {
        var chefs = InventoryLoader.Parse(
            new StringReader("chef_name,repo_url,command,role\nkhan,https://h.example/k.git,run,vader\n"
                             + "loose,https://h.example/l.git,run,\n"),
            "inventory.csv",
            "/srv/inventories");

        var e = Fails(new TargetRequest([], All: true), inventory: chefs);

        Assert.StartsWith("Chef loose names no role and several exist", e.Message);
    }

    [Fact]
    public void All_on_an_empty_inventory_says_it_holds_no_chefs()
    {
        var empty = new Inventory("inventory.csv", []);

        var e = Fails(new TargetRequest([], All: true), inventory: empty);

        Assert.Equal("The inventory inventory.csv holds no chefs.", e.Message);
    }

    [Fact]
    public void All_with_chef_names_is_an_error()
    {
        Assert.Equal("Name chefs or give --all, not both.", Fails(new TargetRequest(["khan"], All: true)).Message);
    }

    [Fact]
    public void Neither_a_chef_nor_all_is_an_error_that_lists_the_chefs()
    {
        Assert.Equal(
            "Name a chef or give --all. Chefs: khan, pradigi, loose, orphan.",
            Fails(new TargetRequest([])).Message);
    }

    [Fact]
    public void An_unknown_chef_lists_the_chefs_that_exist()
    {
        Assert.Equal(
            "No chef \"khan_academy\" in inventory.csv. Chefs: khan, pradigi, loose, orphan.",
            Fails(new TargetRequest(["khan", "khan_academy"])).Message);
    }

    [Fact]
    public void An_unknown_chef_in_an_empty_inventory_says_there_are_none()
    {
        var empty = new Inventory("inventory.csv", []);

        var e = Fails(new TargetRequest(["khan"]), inventory: empty);

        Assert.Equal("No chef \"khan\" in inventory.csv. Chefs: none.", e.Message);
    }

    [Fact]
    public void An_unknown_role_lists_the_roles_that_exist()
    {
        Assert.Equal(
            $"No role \"atlantis\". {KnownRoles}",
            Fails(new TargetRequest(["khan"], Roles: ["atlantis"])).Message);
    }

    [Fact]
    public void A_configured_role_without_hosts_is_an_error()
    {
        Assert.Equal(
            "Role spare has no hosts in sushops.yaml; add some under roles.spare.hosts.",
            Fails(new TargetRequest(["khan"], Roles: ["spare"])).Message);
    }

    [Fact]
    public void A_chef_whose_role_column_names_a_role_without_hosts_is_an_error()
    {
        var inventory = new Inventory("inventory.csv", [new Chef("idle", "/r/idle", "run", Role: "spare", Row: 2)]);

        var e = Fails(new TargetRequest(["idle"]), inventory: inventory);

        Assert.StartsWith("Role spare has no hosts", e.Message);
    }

    [Fact]
    public void Control_characters_in_an_unknown_name_are_shown_escaped()
    {
        Assert.StartsWith(
            "No chef \"khan\\nrm\" in inventory.csv.",
            Fails(new TargetRequest(["khan\nrm"])).Message);
        Assert.StartsWith(
            "No role \"vader\\u001b[2J\".",
            Fails(new TargetRequest(["khan"], Roles: ["vader\u001b[2J"])).Message);
    }
}
