using SushOps.Configuration;
using SushOps.Inventories;
using SushOps.Plans;
using SushOps.Shell;
using SushOps.Targeting;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Plans;

public class PlannerTests
{
    private static readonly Chef Chef = new(
        "khan_academy_en",
        "https://github.com/learningequality/sushi-chef-khan-academy.git",
        "./sushichef.py --lang=en",
        Branch: "release/2024",
        PostSetup: "./fetch-assets.sh",
        WorkingDirectory: "chefs/en");

    private static readonly Target Remote = new(
        Chef,
        new HostTarget(
            new RoleConfig("vader", [], "~/sushi chefs", "python3.11"),
            new HostAddress("vader.example.org")));

    [Fact]
    public void A_command_that_wants_the_token_file_without_a_token_configured_is_refused()
    {
        var target = Remote with { Chef = Chef with { Command = "./chef.py --token={studio_token}" } };

        var e = Assert.Throws<SushOpsException>(() => Planner.Run(target, RunOptions.None));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Equal(
            "The command of khan_academy_en uses {studio_token}, but no Studio token is configured; "
            + "set studio.token_file in the config, or take the placeholder out of the command.",
            e.Message);
    }

    [Fact]
    public void Git_is_told_never_to_wait_for_a_password_or_a_host_key_question()
    {
        var script = Planner.Setup(Remote).RenderScript();

        Assert.Contains("GIT_TERMINAL_PROMPT=0", script);
        Assert.Contains("GIT_SSH_COMMAND=${GIT_SSH_COMMAND:-\"ssh -o BatchMode=yes\"}", script);
        Assert.Contains("export GIT_TERMINAL_PROMPT GIT_SSH_COMMAND", script);
    }

    [Fact]
    public void Setup_clones_the_inventory_branch_into_the_chef_directory_then_installs()
    {
        var plan = Planner.Setup(Remote);
        var script = plan.RenderScript();

        Assert.Contains("chefs_dir=\"$HOME\"/'sushi chefs'", script);
        Assert.Contains("chef_dir=\"$chefs_dir\"/'khan_academy_en'", script);
        Assert.Contains("repo_url='https://github.com/learningequality/sushi-chef-khan-academy.git'", script);
        Assert.Contains("git clone --quiet --branch 'release/2024' -- \"$repo_url\" \"$repo\"", script);
        Assert.Contains("python='python3.11'", script);
        Assert.Contains("sh -c './fetch-assets.sh'", script);
        Assert.Equal(
            ["create", "clone", "check", "create", "install", "run", "install"],
            plan.Steps.Select(s => s.Title.Split(' ')[0]));
    }

    [Fact]
    public void Update_resets_to_the_inventory_branch_after_saving_local_changes()
    {
        var script = Planner.Update(Remote).RenderScript();

        Assert.Contains("branch='release/2024'", script);
        Assert.Contains("git -C \"$repo\" diff --binary HEAD >\"$saved/changes.patch\"", script);
        var save = script.IndexOf("changes.patch", StringComparison.Ordinal);
        var reset = script.IndexOf("reset --quiet --hard", StringComparison.Ordinal);
        Assert.True(save < reset, "local changes must be saved before the reset");
    }

    [Fact]
    public void Update_without_a_branch_follows_the_branch_the_checkout_is_on()
    {
        var target = Remote with { Chef = Chef with { Branch = null } };

        var script = Planner.Update(target).RenderScript();

        Assert.Contains("branch=$(git -C \"$repo\" symbolic-ref --quiet --short HEAD)", script);
    }

    [Fact]
    public void Run_passes_the_token_as_a_file_and_never_its_value()
    {
        var token = new Secret("s3cr3t-token");
        var plan = Planner.Run(Remote, new RunOptions("https://studio.example.org", token, ["--reset", "it's"]));
        var script = plan.RenderScript();

        var file = Assert.Single(plan.Files);
        Assert.Equal("~/sushi chefs/.sushops/studio-token", file.Path);
        // The runner gets the command as one quoted word; inside it the path and each argument are quoted too.
        const string command = "./sushichef.py --lang=en --token=\"$HOME\"/'sushi chefs/.sushops/studio-token'"
                               + " '--reset' 'it'\\''s'";
        Assert.Contains(" manual " + ShellQuote.Quote(command), script);
        Assert.Contains("STUDIO_URL='https://studio.example.org'; export STUDIO_URL", script);
        Assert.Contains("'chefs/en' manual", script);
        Assert.DoesNotContain("s3cr3t-token", script);
        Assert.DoesNotContain("s3cr3t-token", plan.Describe());
        Assert.Contains("content not shown", plan.Describe());
    }

    [Fact]
    public void A_token_placeholder_in_the_command_becomes_the_token_path()
    {
        var command = Planner.WithToken("./chef.py --token={studio_token} lang=fr", "'/srv/t'");

        Assert.Equal("./chef.py --token='/srv/t' lang=fr", command);
    }

    [Fact]
    public void Without_a_token_the_command_is_left_alone()
    {
        var script = Planner.Run(Remote, RunOptions.None).RenderScript();

        Assert.Contains("manual './sushichef.py --lang=en'", script);
        Assert.DoesNotContain("--token", script);
    }

    [Fact]
    public void A_plan_is_the_same_every_time_it_is_built()
    {
        Assert.Equal(Planner.Setup(Remote).RenderScript(), Planner.Setup(Remote).RenderScript());
    }

    [Theory]
    [InlineData("setup")]
    [InlineData("update")]
    [InlineData("run")]
    public async Task Every_plan_is_valid_posix_shell(string verb)
    {
        var plan = verb switch
        {
            "setup" => Planner.Setup(Remote),
            "update" => Planner.Update(Remote),
            _ => Planner.Run(Remote, new RunOptions("https://s", new Secret("t"), ["a b"])),
        };

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-n", "-c", plan.RenderScript()]);

        Assert.True(result.ExitCode == 0, result.Output);
    }
}
