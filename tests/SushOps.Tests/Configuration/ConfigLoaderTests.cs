using SushOps.Configuration;

namespace SushOps.Tests.Configuration;

public class ConfigLoaderTests
{
    private const string BaseDir = "/etc/sushops";
    private const string RoleKeys =
        "hosts, chefs_dir, python, max_parallel, stage, max_run_hours, timezone, become, transcodes, sushops_path, "
        + "review";

    private const string IssueExample = """
        inventory: inventory.csv
        chefs_dir: /data/sushi-chefs          # default for every role
        roles:
          vader:
            hosts: ["chef@vader.example.org:1"]   # [user@]host[:port]
          cloud-kitchen:
            hosts: [ck1.example.org]
            chefs_dir: /srv/chefs                 # per-role override
            python: python3.11                    # interpreter for the venv (default python3)
        ssh:
          identity_file: ~/.ssh/id_ed25519
          known_hosts: ~/.ssh/known_hosts
          connect_timeout: 10
        studio:
          url: https://api.studio.learningequality.org
          token_file: ~/.config/sushops/studio-token
        """;

    private static readonly string Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static SushOpsConfig Parse(string yaml) =>
        ConfigLoader.Parse(new StringReader(yaml), "sushops.yaml", BaseDir);

    private static string ParseFails(string yaml) =>
        Assert.Throws<SushOpsException>(() => Parse(yaml)).Message;

    [Fact]
    public void Scheduling_settings_of_a_role_load_with_their_defaults()
    {
        var config = Parse("""
            roles:
              vader:
                hosts: [vader]
                stage: always
                max_run_hours: 36.5
                timezone: Europe/Berlin
              ck:
                hosts: [ck1]
            """);

        var vader = config.Roles["vader"];
        Assert.Equal((StageFlag.Always, 36.5, "Europe/Berlin"), (vader.Stage, vader.MaxRunHours, vader.TimeZone));
        var ck = config.Roles["ck"];
        Assert.Equal((StageFlag.Auto, null, null), (ck.Stage, ck.MaxRunHours, ck.TimeZone));
    }

    [Theory]
    [InlineData("stage: sometimes", "roles.v.stage: \"sometimes\" is not one of auto, always, never")]
    [InlineData("stage: 1", "roles.v.stage: \"1\" is not one of auto, always, never")]
    [InlineData("max_run_hours: 0", "roles.v.max_run_hours: \"0\" is not a number of hours above 0")]
    [InlineData("max_parallel: 9", "roles.v.max_parallel: \"9\" is not a number from 1 to 8")]
    [InlineData("max_run_hours: soon", "roles.v.max_run_hours: \"soon\" is not a number of hours above 0")]
    [InlineData("timezone: Mars/Olympus", "roles.v.timezone: \"Mars/Olympus\" is not a time zone this machine knows")]
    [InlineData("transcodes: yes", "roles.v.transcodes: \"yes\" is not true or false")]
    public void Bad_scheduling_settings_are_refused(string setting, string message)
    {
        Assert.Contains(message, ParseFails($"roles:\n  v:\n    hosts: [h]\n    {setting}\n"));
    }

    [Theory]
    [InlineData("become: Chef", "roles.v.become: \"Chef\" is not a user name")]
    [InlineData("become: \"chef; rm -rf ~\"", "roles.v.become: \"chef; rm -rf ~\" is not a user name")]
    [InlineData("become: -chef", "roles.v.become: \"-chef\" is not a user name")]
    public void A_become_that_is_not_a_user_name_is_refused(string setting, string message)
    {
        Assert.Contains(message, ParseFails($"roles:\n  v:\n    hosts: [h]\n    {setting}\n"));
    }

    [Fact]
    public void A_role_with_become_keeps_a_home_relative_chefs_dir_for_the_chef_users_home()
    {
        var config = Parse("roles:\n  v:\n    hosts: [h]\n    become: chef\n  local:\n    become: chef_2\n");

        Assert.Equal("chef", config.Roles["v"].Become);
        Assert.Equal("~/sushi-chefs", config.Roles["v"].ChefsDir);
        Assert.Equal("chef_2", config.Roles["local"].Become);
        Assert.Equal("~/sushi-chefs", config.Roles["local"].ChefsDir);
        Assert.Null(Parse("roles:\n  v:\n    hosts: [h]\n").Roles["v"].Become);
    }

    [Fact]
    public void A_role_that_transcodes_says_so_and_others_do_not()
    {
        var config = Parse("roles:\n  video:\n    hosts: [v]\n    transcodes: true\n  text:\n    hosts: [t]\n");

        Assert.Equal((true, false), (config.Roles["video"].Transcodes, config.Roles["text"].Transcodes));
    }

    [Fact]
    public void The_example_config_of_the_issue_loads()
    {
        var config = Parse(IssueExample);

        Assert.Equal("sushops.yaml", config.Source);
        Assert.Equal("/etc/sushops/inventory.csv", config.Inventory);
        Assert.Equal(["local", "vader", "cloud-kitchen"], config.Roles.Keys);

        var vader = config.Roles["vader"];
        Assert.Equal([new HostAddress("vader.example.org", "chef", 1)], vader.Hosts);
        Assert.Equal("/data/sushi-chefs", vader.ChefsDir);
        Assert.Equal("python3", vader.Python);

        var kitchen = config.Roles["cloud-kitchen"];
        Assert.Equal([new HostAddress("ck1.example.org")], kitchen.Hosts);
        Assert.Equal("/srv/chefs", kitchen.ChefsDir);
        Assert.Equal("python3.11", kitchen.Python);

        Assert.Equal(
            new SshSettings(Path.Combine(Home, ".ssh/id_ed25519"), Path.Combine(Home, ".ssh/known_hosts"), 10),
            config.Ssh);
        Assert.Equal(
            new StudioSettings(
                "https://api.studio.learningequality.org",
                Path.Combine(Home, ".config/sushops/studio-token")),
            config.Studio);
    }

    [Fact]
    public void The_local_role_is_present_beside_configured_roles_with_its_own_defaults()
    {
        var local = Parse(IssueExample).Roles["local"];

        Assert.True(local.IsLocal);
        Assert.Empty(local.Hosts);
        Assert.Equal(SushOpsConfig.DefaultLocalChefsDir, local.ChefsDir);
        Assert.EndsWith("/sushops/chefs", local.ChefsDir);
        Assert.Equal("python3", local.Python);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing configured yet\n")]
    [InlineData("---\n")]
    public void An_empty_config_gives_the_defaults_with_only_the_local_role(string yaml)
    {
        var config = Parse(yaml);

        Assert.Null(config.Inventory);
        Assert.Equal(["local"], config.Roles.Keys);
        Assert.Equal(SushOpsConfig.DefaultLocalRole, config.Roles["local"]);
        Assert.Equal(SshSettings.Default, config.Ssh);
        Assert.Equal(new StudioSettings(null, null), config.Studio);
    }

    [Fact]
    public void Ssh_defaults_to_no_identity_the_home_known_hosts_and_10_seconds()
    {
        var ssh = Parse("ssh:\n  identity_file: keys/id\n").Ssh;

        Assert.Equal(new SshSettings("/etc/sushops/keys/id", Path.Combine(Home, ".ssh", "known_hosts"), 10), ssh);
        Assert.Null(SshSettings.Default.IdentityFile);
    }

    [Fact]
    public void A_role_without_chefs_dir_or_python_gets_the_defaults()
    {
        var role = Parse("roles:\n  vader:\n    hosts: [vader.example.org]\n").Roles["vader"];

        Assert.Equal(new RoleConfig("vader", role.Hosts, "~/sushi-chefs", "python3"), role);
    }

    [Fact]
    public void A_role_with_nothing_under_it_has_no_hosts()
    {
        var role = Parse("roles:\n  spare:\n").Roles["spare"];

        Assert.Empty(role.Hosts);
        Assert.False(role.IsLocal);
    }

    [Fact]
    public void A_remote_chefs_dir_under_home_is_kept_for_the_remote_shell()
    {
        var role = Parse("roles:\n  vader:\n    hosts: [vader]\n    chefs_dir: ~/chefs\n").Roles["vader"];

        Assert.Equal("~/chefs", role.ChefsDir);
    }

    [Fact]
    public void The_local_role_can_be_configured_and_its_home_path_is_expanded()
    {
        var local = Parse("roles:\n  local:\n    chefs_dir: ~/chefs\n    python: python3.12\n").Roles["local"];

        Assert.Empty(local.Hosts);
        Assert.Equal((Path.Combine(Home, "chefs"), "python3.12"), (local.ChefsDir, local.Python));
    }

    [Fact]
    public void Relative_inventory_identity_known_hosts_and_token_paths_are_resolved_against_the_config_directory()
    {
        var config = Parse("""
            inventory: ../inventories/fleet.csv
            ssh:
              identity_file: keys/id_ed25519
              known_hosts: ./known_hosts
            studio:
              token_file: secrets/studio-token
            """);

        Assert.Equal("/etc/inventories/fleet.csv", config.Inventory);
        Assert.Equal("/etc/sushops/keys/id_ed25519", config.Ssh.IdentityFile);
        Assert.Equal("/etc/sushops/known_hosts", config.Ssh.KnownHosts);
        Assert.Equal("/etc/sushops/secrets/studio-token", config.Studio.TokenFile);
    }

    [Fact]
    public void Absolute_and_home_local_paths_are_kept_or_expanded()
    {
        var config = Parse("inventory: ~/fleet/inventory.csv\nssh:\n  identity_file: /keys/id\n");

        Assert.Equal(Path.Combine(Home, "fleet/inventory.csv"), config.Inventory);
        Assert.Equal("/keys/id", config.Ssh.IdentityFile);
    }

    [Theory]
    [InlineData(
        "inventroy: x.csv\n", 1, "inventroy", "inventory, chefs_dir, roles, ssh, studio, google, alerts, review")]
    [InlineData("roles:\n  vader:\n    host: [a]\n", 3, "roles.vader.host", RoleKeys)]
    [InlineData(
        "ssh:\n  port: 22\n",
        2,
        "ssh.port",
        "identity_file, known_hosts, connect_timeout, config_file, keepalive_interval, command_timeout")]
    [InlineData(
        "studio:\n  url: https://s.example\n  token: abc\n", 3, "studio.token", "url, token_file, credentials_file")]
    public void An_unknown_key_names_file_line_key_and_the_known_keys(string yaml, int line, string key, string known)
    {
        Assert.Equal(
            $"The config sushops.yaml has errors:{Environment.NewLine}"
            + $"  sushops.yaml line {line}, key {key}: is not a known key; known keys here are {known}",
            ParseFails(yaml));
    }

    [Theory]
    [InlineData("chef@vader.example.org:0", "\"chef@vader.example.org:0\" has port 0; a port is between 1 and 65535")]
    [InlineData("vader:70000", "\"vader:70000\" has port 70000; a port is between 1 and 65535")]
    [InlineData("vader example.org", "\"vader example.org\" is not a host; write [user@]host[:port], "
        + "for example chef@vader.example.org:2222")]
    [InlineData("chef@", "\"chef@\" is not a host")]
    [InlineData("-oProxyCommand=id", "\"-oProxyCommand=id\" is not a host")]
    public void A_bad_host_names_the_line_and_the_form_hosts_take(string host, string expected)
    {
        var yaml = $"roles:\n  vader:\n    hosts:\n      - ok.example.org\n      - \"{host}\"\n";

        Assert.Contains($"  sushops.yaml line 5, key roles.vader.hosts: {expected}", ParseFails(yaml));
    }

    [Fact]
    public void Hosts_must_be_a_list()
    {
        Assert.Contains(
            "sushops.yaml line 3, key roles.vader.hosts: must be a list, such as [ck1.example.org, chef@vader:2222]",
            ParseFails("roles:\n  vader:\n    hosts: vader.example.org\n"));
    }

    [Fact]
    public void Hosts_under_the_local_role_are_refused()
    {
        Assert.Contains(
            "sushops.yaml line 3, key roles.local.hosts: the local role is this machine and takes no hosts; "
            + "make another role",
            ParseFails("roles:\n  local:\n    hosts: [vader.example.org]\n"));
    }

    [Fact]
    public void A_bad_role_name_is_refused()
    {
        Assert.Contains(
            "key roles.cloud kitchen: \"cloud kitchen\" is not a role name",
            ParseFails("roles:\n  cloud kitchen:\n    hosts: [ck1]\n"));
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("0")]
    [InlineData("601")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void A_connect_timeout_that_is_not_a_number_of_seconds_is_refused(string value)
    {
        Assert.Contains(
            $"sushops.yaml line 2, key ssh.connect_timeout: \"{value}\" is not a number of seconds between 1 and 600",
            ParseFails($"ssh:\n  connect_timeout: {value}\n"));
    }

    [Fact]
    public void A_connect_timeout_of_600_seconds_is_accepted()
    {
        Assert.Equal(600, Parse("ssh:\n  connect_timeout: 600\n").Ssh.ConnectTimeout);
    }

    [Theory]
    [InlineData("ftp://studio.example.org")]
    [InlineData("studio.learningequality.org")]
    [InlineData("/api/studio")]
    public void A_studio_url_that_is_not_http_is_refused(string url)
    {
        Assert.Contains(
            $"sushops.yaml line 2, key studio.url: \"{url}\" is not an http(s) URL",
            ParseFails($"studio:\n  url: {url}\n"));
    }

    [Theory]
    [InlineData("http://localhost:8080")]
    [InlineData("https://api.studio.learningequality.org")]
    public void An_http_or_https_studio_url_is_accepted(string url)
    {
        Assert.Equal(url, Parse($"studio:\n  url: {url}\n").Studio.Url);
    }

    [Theory]
    [InlineData("inventory:\n", 1, "inventory")]
    [InlineData("inventory: [a, b]\n", 1, "inventory")]
    [InlineData("chefs_dir: ''\n", 1, "chefs_dir")]
    [InlineData("roles:\n  vader:\n    python: {version: 3}\n", 3, "roles.vader.python")]
    [InlineData("ssh:\n  identity_file:\n", 2, "ssh.identity_file")]
    public void A_value_that_must_be_single_and_non_empty_is_refused(string yaml, int line, string key)
    {
        Assert.Contains($"sushops.yaml line {line}, key {key}: must be a single non-empty value", ParseFails(yaml));
    }

    [Theory]
    [InlineData("roles: [vader, ck]\n", "roles")]
    [InlineData("ssh: yes\n", "ssh")]
    [InlineData("- a\n- b\n", "the config")]
    public void A_section_that_is_not_a_mapping_is_refused(string yaml, string key)
    {
        Assert.Contains($"line 1, key {key}: must be a mapping of keys to values", ParseFails(yaml));
    }

    [Fact]
    public void Several_errors_are_reported_together_in_file_order()
    {
        var message = ParseFails("""
            inventory: inventory.csv
            colour: blue
            roles:
              vader:
                hosts: ["chef@vader:0"]
              local:
                hosts: [here]
            ssh:
              connect_timeout: soon
            studio:
              url: ftp://studio
            """);

        var lines = message.Split(Environment.NewLine);
        Assert.Equal(
            [
                "The config sushops.yaml has errors:",
                "  sushops.yaml line 2, key colour: is not a known key; known keys here are inventory, chefs_dir, "
                + "roles, ssh, studio, google, alerts, review",
                "  sushops.yaml line 5, key roles.vader.hosts: \"chef@vader:0\" has port 0; a port is between 1 "
                + "and 65535",
                "  sushops.yaml line 7, key roles.local.hosts: the local role is this machine and takes no hosts; "
                + "make another role",
                "  sushops.yaml line 9, key ssh.connect_timeout: \"soon\" is not a number of seconds between 1 "
                + "and 600",
                "  sushops.yaml line 11, key studio.url: \"ftp://studio\" is not an http(s) URL",
            ],
            lines);
    }

    [Fact]
    public void A_config_error_ends_the_process_with_exit_code_2()
    {
        var e = Assert.Throws<SushOpsException>(() => Parse("colour: blue\n"));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }

    [Theory]
    [InlineData("inventory: x.csv\nstudio:\n  url: 'https://s.example\n", 3, ": ")]
    [InlineData("roles:\n  vader:\n   hosts: [a]\n  b: 2\n x: 1\n", 5, ": ")]
    [InlineData("ssh: {}\nstudio: {}\nssh: {}\n", 3, ": Duplicate key ssh")]
    [InlineData("inventory: x.csv\nroles: [vader\nssh: {}\n", 2, " (is a [ or { left open?)")]
    [InlineData("ssh: {connect_timeout: 10\nstudio: {}\n", 1, " (is a [ or { left open?)")]
    public void Yaml_that_does_not_parse_names_the_file_and_line(string yaml, int line, string reason)
    {
        var e = Assert.Throws<SushOpsException>(() => Parse(yaml));

        Assert.StartsWith($"sushops.yaml line {line}: not valid YAML{reason}", e.Message);
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }
}
