using Spectre.Console;
using SushOps.Cli;
using SushOps.Configuration;
using SushOps.Hosts;
using SushOps.Inventories;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Tests.Cli;

public class LiveOutputTests
{
    private static readonly RoleConfig Role = new("ck", [], "~/chefs", "python3");
    private static readonly Target One = TargetOn("ck1", "khan");
    private static readonly Target Two = TargetOn("ck2", "pradigi");

    [Fact]
    public void The_display_has_a_line_per_host_with_its_chef_and_step_and_the_last_lines_printed()
    {
        var (console, text) = Console();
        var live = new LiveOutput(console, [One, Two], new ConsoleOutput(TextWriter.Null));

        live.Progress(One, "install requirements.txt into the virtualenv");
        live.Line(One, new HostOutput("Collecting greeting", IsError: false));
        console.Write(live.Render());

        var lines = text.ToString().Split('\n').Select(line => line.TrimEnd()).ToList();
        Assert.Contains(lines, line => line.StartsWith("ck1") && line.Contains("khan")
                                       && line.Contains("install requirements.txt into the virtualenv"));
        Assert.Contains(lines, line => line.StartsWith("ck2") && line.Contains("connecting"));
        Assert.Contains("[ck1] khan | Collecting greeting", lines);
    }

    [Fact]
    public void Secrets_are_masked_in_the_display()
    {
        var (console, text) = Console();
        var secret = new Secret("live-secret-77");
        var live = new LiveOutput(console, [One], new ConsoleOutput(TextWriter.Null));

        live.Line(One, new HostOutput($"token={secret.Reveal()}", IsError: false));
        console.Write(live.Render());

        Assert.Contains("token=***", text.ToString());
        Assert.DoesNotContain(secret.Reveal(), text.ToString());
    }

    [Fact]
    public async Task When_the_work_is_over_each_chefs_result_is_printed_as_a_plain_line()
    {
        var (console, _) = Console();
        var plain = new StringWriter();
        var live = new LiveOutput(console, [One, Two], new ConsoleOutput(plain));

        var outcomes = await live.ShowAsync<IReadOnlyList<ChefOutcome>>(async () =>
        {
            await Task.Yield();
            var done = new ChefOutcome(One, OutcomeStatus.Changed, "cloned u");
            live.Outcome(done);
            return [done];
        });

        Assert.Single(outcomes);
        Assert.Equal("[ck1] khan: changed: cloned u\n", plain.ToString());
    }

    private static Target TargetOn(string host, string chef) =>
        new(new Chef(chef, "u", "c"), new HostTarget(Role, new HostAddress(host)));

    private static (IAnsiConsole Console, StringWriter Text) Console()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 120;
        return (console, text);
    }
}
