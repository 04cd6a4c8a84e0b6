using SushOps.Scheduling;

namespace SushOps.Tests.Scheduling;

public class CrontabEditTests
{
    private const string Foreign = """
        MAILTO=ops@example.org
        SHELL=/bin/sh

        # nightly backup, keep khan_academy_en out of it
        0 1 * * * /usr/local/bin/backup --skip khan_academy_en
        */5 * * * * echo '# sushops:khan_academy_en' > /dev/null

        """;

    private static string Entry(string chef, string schedule = "0 3 1 * *") =>
        $"{schedule} '/srv/chefs/.sushops/bin/run-chef' '/srv/chefs/{chef}' '' cron 'python chef.py'";

    private static Dictionary<string, string> Wanted(params (string Chef, string Line)[] entries) =>
        entries.ToDictionary(e => e.Chef, e => e.Line);

    [Fact]
    public void Adding_an_entry_appends_a_marked_block_and_keeps_every_foreign_byte()
    {
        var (crontab, changes) = CrontabEdit.Apply(Foreign, Wanted(("khan", Entry("khan"))), _ => false);

        Assert.Equal(Foreign + "# sushops:khan\n" + Entry("khan") + "\n", crontab);
        Assert.Equal(CrontabChangeKind.Added, Assert.Single(changes).Kind);
    }

    [Fact]
    public void Applying_the_same_entries_again_changes_nothing()
    {
        var (once, _) = CrontabEdit.Apply(Foreign, Wanted(("khan", Entry("khan"))), _ => false);

        var (twice, changes) = CrontabEdit.Apply(once, Wanted(("khan", Entry("khan"))), _ => false);

        Assert.Equal(once, twice);
        Assert.Equal(CrontabChangeKind.Unchanged, Assert.Single(changes).Kind);
    }

    [Fact]
    public void A_changed_schedule_is_rewritten_in_place()
    {
        var before = "# sushops:khan\n" + Entry("khan") + "\n" + Foreign;

        var (after, changes) = CrontabEdit.Apply(before, Wanted(("khan", Entry("khan", "30 4 * * 0"))), _ => false);

        Assert.Equal("# sushops:khan\n" + Entry("khan", "30 4 * * 0") + "\n" + Foreign, after);
        Assert.Equal(CrontabChangeKind.Changed, Assert.Single(changes).Kind);
    }

    [Fact]
    public void Entries_of_chefs_in_scope_that_are_not_wanted_are_removed_others_stay()
    {
        var before = Foreign + "# sushops:gone\n" + Entry("gone") + "\n# sushops:other\n" + Entry("other") + "\n";

        var (after, changes) = CrontabEdit.Apply(before, Wanted(), chef => chef == "gone");

        Assert.Equal(Foreign + "# sushops:other\n" + Entry("other") + "\n", after);
        Assert.Equal(("gone", CrontabChangeKind.Removed), (changes[0].Chef, changes[0].Kind));
    }

    [Fact]
    public void A_marker_without_our_runner_below_it_never_takes_the_foreign_line()
    {
        var before = "# sushops:khan\n0 1 * * * /usr/local/bin/backup\n";

        var (after, _) = CrontabEdit.Apply(before, Wanted(("khan", Entry("khan"))), _ => true);

        Assert.Equal("# sushops:khan\n" + Entry("khan") + "\n0 1 * * * /usr/local/bin/backup\n", after);
    }

    [Fact]
    public void A_hand_made_copy_of_a_block_is_removed_so_the_chef_runs_once()
    {
        var block = "# sushops:khan\n" + Entry("khan") + "\n";

        var (after, changes) = CrontabEdit.Apply(block + block, Wanted(("khan", Entry("khan"))), _ => false);

        Assert.Equal(block, after);
        Assert.Contains(changes, c => c.Kind == CrontabChangeKind.Removed);
    }

    [Fact]
    public void A_crontab_without_a_final_newline_is_left_exactly_alone_when_nothing_changes()
    {
        const string crontab = "0 1 * * * backup";

        var (after, changes) = CrontabEdit.Apply(crontab, Wanted(), _ => true);

        Assert.Equal(crontab, after);
        Assert.Empty(changes);
    }

    [Fact]
    public void Crlf_lines_keep_their_carriage_returns()
    {
        const string crontab = "MAILTO=x\r\n0 1 * * * backup\r\n";

        var (after, _) = CrontabEdit.Apply(crontab, Wanted(("khan", Entry("khan"))), _ => false);

        Assert.StartsWith(crontab, after);
    }

    [Fact]
    public void An_empty_crontab_gets_just_the_block()
    {
        var (after, _) = CrontabEdit.Apply("", Wanted(("khan", Entry("khan"))), _ => false);

        Assert.Equal("# sushops:khan\n" + Entry("khan") + "\n", after);
    }

    [Fact]
    public void Owned_chefs_are_listed_in_order()
    {
        var crontab = Foreign + "# sushops:b\n" + Entry("b") + "\n# sushops:a\n" + Entry("a") + "\n";

        Assert.Equal(["b", "a"], CrontabEdit.OwnedChefs(crontab));
    }

    [Fact]
    public void Random_sequences_of_edits_keep_every_foreign_line_in_place_and_each_wanted_entry_once()
    {
        var random = new Random(20261203);
        string[] chefs = ["a", "b", "c", "khan_academy_en", "d-1"];
        string[] schedules = ["0 3 * * *", "@daily", "15 2 1 * *", "*/30 * * * *"];
        var crontab = Foreign;
        var expected = new Dictionary<string, string>();
        for (var step = 0; step < 400; step++)
        {
            var picked = chefs.Where(_ => random.Next(3) == 0).ToHashSet();
            var removing = random.Next(4) == 0;
            var all = random.Next(3) == 0;
            var wanted = removing
                ? new Dictionary<string, string>()
                : picked.ToDictionary(c => c, c => Entry(c, schedules[random.Next(schedules.Length)]));
            Func<string, bool> inScope = all ? _ => true : picked.Contains;

            (crontab, _) = CrontabEdit.Apply(crontab, wanted, inScope);

            foreach (var chef in chefs.Where(c => inScope(c) || wanted.ContainsKey(c)))
            {
                if (wanted.TryGetValue(chef, out var line))
                {
                    expected[chef] = line;
                }
                else
                {
                    expected.Remove(chef);
                }
            }

            Assert.Equal(Foreign, WithoutOwnedBlocks(crontab, expected.Keys));
            foreach (var (chef, line) in expected)
            {
                Assert.Single(crontab.Split('\n'), l => l == "# sushops:" + chef);
                Assert.Contains("# sushops:" + chef + "\n" + line + "\n", crontab);
            }

            Assert.Equal(expected.Keys.Order(), CrontabEdit.OwnedChefs(crontab).Order());
        }
    }

    private static string WithoutOwnedBlocks(string crontab, IEnumerable<string> chefs)
    {
        foreach (var chef in chefs)
        {
            var marker = "# sushops:" + chef + "\n";
            var start = crontab.IndexOf(marker, StringComparison.Ordinal);
            var end = crontab.IndexOf('\n', start + marker.Length);
            crontab = crontab.Remove(start, end + 1 - start);
        }

        return crontab;
    }
}
