using SushOps.Runs;

namespace SushOps.Tests.Runs;

public sealed class RunRecordTests
{
    [Fact]
    public void A_record_as_the_runner_writes_it_reads_with_every_field()
    {
        var json = Json("{'chef':'hello_chef','host':'ck1','trigger':'cron','result':'failed','exit_code':3,"
                        + "'start':'2026-12-03T19:43:47Z','end':'2026-12-03T19:45:50Z','commit':'15f7780aa',"
                        + "'log':'20261203T194347Z.log'}");

        var record = RunRecord.Parse(json, "20261203T194347Z");

        Assert.Equal(("hello_chef", "ck1", "cron"), (record.Chef, record.Host, record.Trigger));
        Assert.Equal(RunResult.Failed, record.Result);
        Assert.Equal(3, record.ExitCode);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 19, 43, 47, TimeSpan.Zero), record.Start);
        Assert.Equal(TimeSpan.FromSeconds(123), record.Duration);
        Assert.Equal("15f7780aa", record.Commit);
        Assert.Equal("20261203T194347Z.log", record.Log);
        Assert.Equal("20261203T194347Z", record.Name);
        Assert.True(record.IsFailure);
    }

    [Fact]
    public void A_skipped_start_has_no_exit_code_and_is_no_failure()
    {
        var json = Json("{'chef':'a','host':'h','trigger':'cron','result':'skipped','exit_code':null,"
                        + "'start':'2026-12-03T19:43:47Z','end':'2026-12-03T19:43:47Z','commit':'','log':''}");

        var record = RunRecord.Parse(json, "20261203T194347Z-4242");

        Assert.Equal(RunResult.Skipped, record.Result);
        Assert.Null(record.ExitCode);
        Assert.False(record.IsFailure);
    }

    [Fact]
    public void Fields_added_by_later_runners_are_ignored_and_unknown_results_are_kept_as_written()
    {
        const string json = """
            {"chef":"a","result":"promoted","exit_code":0,"promotion":{"channel":"x"},"staged_version":4}
            """;

        var record = RunRecord.Parse(json, "20261203T194347Z");

        Assert.Equal(RunResult.Unknown, record.Result);
        Assert.Equal("promoted", record.ResultText);
    }

    [Theory]
    [InlineData("timed_out", RunResult.TimedOut, true)]
    [InlineData("interrupted", RunResult.Interrupted, false)]
    [InlineData("stopped", RunResult.Stopped, false)]
    [InlineData("ok", RunResult.Ok, false)]
    public void Each_result_the_runner_writes_is_known(string text, RunResult result, bool failure)
    {
        var record = RunRecord.Parse($$"""{"result":"{{text}}"}""", "x");

        Assert.Equal((result, failure), (record.Result, record.IsFailure));
    }

    [Fact]
    public void Text_that_is_not_a_record_is_a_format_error_naming_the_record()
    {
        var error = Assert.Throws<FormatException>(() => RunRecord.Parse("{\"chef\":", "20261203T194347Z"));

        Assert.Contains("20261203T194347Z", error.Message);
    }

    [Theory]
    [InlineData("20261203T194347Z", "2026-12-03T19:43:47+00:00")]
    [InlineData("20261203T194347Z-812", "2026-12-03T19:43:47+00:00")]
    [InlineData("notes", null)]
    public void The_time_of_a_run_comes_from_its_name(string name, string? expected)
    {
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected), RunRecord.TimeOfName(name));
    }

    // Records written with single quotes, for readability.
    private static string Json(string text) => text.Replace('\'', '"');
}
