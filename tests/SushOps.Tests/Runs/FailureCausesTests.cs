using SushOps.Runs;

namespace SushOps.Tests.Runs;

/// <summary>Each known cause, recognised in a log excerpt as ricecooker, requests, Python or sh print it.</summary>
public sealed class FailureCausesTests
{
    private const string Frames = """
        Traceback (most recent call last):
          File "/srv/chefs/khan/repo/sushichef.py", line 212, in <module>
            chef.main()
          File "/srv/chefs/khan/venv/lib/python3.11/site-packages/ricecooker/chefs.py", line 401, in main
            self.run(args, options)
          File "/srv/chefs/khan/venv/lib/python3.11/site-packages/requests/models.py", line 1024, in raise_...
            raise HTTPError(http_error_msg, response=self)
        """;

    [Fact]
    public void A_refused_token_is_studio_authentication()
    {
        var cause = Diagnose("""
            INFO     Running get_channel...
            ERROR    Invalid token: Credentials not found
            """);

        Assert.Equal("studio_auth", cause.Id);
        Assert.Contains("renew it", cause.Description);
    }

    [Fact]
    public void A_forbidden_authentication_request_is_studio_authentication()
    {
        var cause = Diagnose(Frames + "requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: "
                             + "https://api.studio.learningequality.org/api/internal/authenticate_user_internal");

        Assert.Equal("studio_auth", cause.Id);
    }

    [Fact]
    public void A_412_on_upload_is_the_studio_storage_quota()
    {
        var cause = Diagnose("""
            	Uploaded 3f0a9c2e7b.mp4 (118/240)
            """ + "\n" + Frames + "requests.exceptions.HTTPError: 412 Client Error: Precondition Failed for url: "
                             + "https://api.studio.learningequality.org/api/file/upload_url");

        Assert.Equal("studio_quota", cause.Id);
        Assert.Contains("(HTTP 412)", cause.Description);
    }

    [Fact]
    public void A_504_during_upload_is_a_gateway_error_and_shows_the_line()
    {
        const string line = "requests.exceptions.HTTPError: 504 Server Error: Gateway Time-out for url: "
                            + "https://api.studio.learningequality.org/api/internal/add_nodes";

        var cause = Diagnose("(120 of 560 uploaded)    Processing Algebra (TopicNode)\n" + Frames + line);

        Assert.Equal("studio_gateway", cause.Id);
        Assert.EndsWith(line, cause.Description);
    }

    [Fact]
    public void Retries_that_ran_out_on_502_answers_are_a_gateway_error()
    {
        var cause = Diagnose(Frames + "requests.exceptions.RetryError: HTTPSConnectionPool("
                             + "host='api.studio.learningequality.org', port=443): Max retries exceeded with url: "
                             + "/api/internal/file_diff (Caused by ResponseError('too many 502 error responses'))");

        Assert.Equal("studio_gateway", cause.Id);
    }

    [Fact]
    public void No_space_left_on_device_is_a_full_disk()
    {
        var cause = Diagnose("""
              File "/srv/chefs/khan/venv/lib/python3.11/site-packages/ricecooker/utils/downloader.py", line 88
                fobj.write(chunk)
            OSError: [Errno 28] No space left on device: 'storage/3/f/3f0a9c2e7b.mp4'
            """);

        Assert.Equal("disk_full", cause.Id);
    }

    [Fact]
    public void A_memory_error_is_out_of_memory()
    {
        var cause = Diagnose(Frames.Replace("raise HTTPError", "data = response.content") + "MemoryError");

        Assert.Equal("out_of_memory", cause.Id);
    }

    [Fact]
    public void A_chef_killed_by_the_kernel_is_out_of_memory()
    {
        var record = Record("failed", 137);

        var cause = FailureCauses.Diagnose(record, ["Downloading https://example.org/video-0412.mp4", "Killed"]);

        Assert.Equal("out_of_memory", cause?.Id);
    }

    [Fact]
    public void A_prompt_on_the_closed_stdin_is_named_as_such()
    {
        // The prompt has no line end, so the traceback's header follows it on the same line.
        var cause = Diagnose("""
            Previous session detected. Would you like to resume your last session? [y/n]:
            """ + """
            Traceback (most recent call last):
              File "/srv/chefs/khan/venv/lib/python3.11/site-packages/ricecooker/commands.py", line 213, in prompt
                user_input = input("{} [y/n]:".format(message)).lower()
                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            EOFError: EOF when reading a line
            """);

        Assert.Equal("stdin_closed", cause.Id);
        Assert.Contains("--resume or --reset", cause.Description);
    }

    [Fact]
    public void A_name_that_does_not_resolve_is_a_network_failure()
    {
        var cause = Diagnose(Frames + "requests.exceptions.ConnectionError: HTTPSConnectionPool("
                             + "host='api.studio.learningequality.org', port=443): Max retries exceeded with url: "
                             + "/api/internal/authenticate_user_internal (Caused by NameResolutionError("
                             + "\"<urllib3.connection.HTTPSConnection object at 0x7f2b1c3d5e10>: Failed to resolve "
                             + "'api.studio.learningequality.org' ([Errno -3] Temporary failure in name "
                             + "resolution)\"))");

        Assert.Equal("network", cause.Id);
        Assert.Contains("Temporary failure in name resolution", cause.Description);
    }

    [Fact]
    public void A_refused_connection_is_a_network_failure()
    {
        var cause = Diagnose("urllib3.exceptions.NewConnectionError: <urllib3.connection.HTTPSConnection object "
                             + "at 0x7f1e2a0b3d90>: Failed to establish a new connection: [Errno 111] Connection "
                             + "refused");

        Assert.Equal("network", cause.Id);
    }

    [Fact]
    public void Any_other_traceback_shows_its_last_line()
    {
        var cause = Diagnose("""
            Traceback (most recent call last):
              File "/srv/chefs/khan/repo/sushichef.py", line 98, in construct_channel
                title = item["title"]
                        ~~~~^^^^^^^^^
            KeyError: 'title'
            """);

        Assert.Equal(new FailureCause("python_exception", "Python exception: KeyError: 'title'"), cause);
    }

    [Fact]
    public void A_timed_out_run_is_named_from_its_record()
    {
        var cause = FailureCauses.Diagnose(Record("timed_out", 124), ["still downloading"]);

        Assert.Equal("timed_out", cause?.Id);
    }

    [Fact]
    public void A_run_stopped_by_an_operator_is_named_from_its_record()
    {
        var cause = FailureCauses.Diagnose(Record("stopped", 143), []);

        Assert.Equal("stopped", cause?.Id);
        Assert.Contains("operator", cause?.Description);
    }

    [Fact]
    public void An_unknown_failure_gives_the_exit_code_and_the_last_line()
    {
        var cause = FailureCauses.Diagnose(Record("failed", 3), ["chef says: hello", "giving up", ""]);

        Assert.Equal(new FailureCause("exit_code", "exit code 3, after: giving up"), cause);
    }

    [Fact]
    public void Successful_and_skipped_runs_have_no_cause()
    {
        Assert.Null(FailureCauses.Diagnose(Record("ok", 0), ["Traceback (most recent call last):", "X: y"]));
        Assert.Null(FailureCauses.Diagnose(Record("skipped", null), []));
    }

    [Fact]
    public void The_last_known_cause_in_the_log_wins_over_earlier_retried_ones()
    {
        var cause = Diagnose("""
            WARNING  Retrying: 502 Server Error: Bad Gateway for url: https://api.studio.example.org/api/file_diff
            OSError: [Errno 28] No space left on device
            """);

        Assert.Equal("disk_full", cause.Id);
    }

    [Fact]
    public void Every_signature_has_a_unique_id_and_a_description()
    {
        var ids = FailureCauses.Signatures.Select(s => s.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(FailureCauses.Signatures, s => Assert.False(string.IsNullOrWhiteSpace(s.Description)));
    }

    private static FailureCause Diagnose(string log) =>
        FailureCauses.Diagnose(Record("failed", 1), log.Split('\n'))
        ?? throw new InvalidOperationException("no cause");

    private static RunRecord Record(string result, int? exitCode) =>
        RunRecord.Parse($$"""{"result":"{{result}}","exit_code":{{exitCode?.ToString() ?? "null"}}}""", "x");
}
