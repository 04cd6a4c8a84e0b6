using SushOps.Inventories;

namespace SushOps.Tests.Inventories;

public class InventoryLoaderTests
{
    private const string BaseDir = "/srv/inventories";

    private const string SheetHeader = "Nickname,Channel Name,Channel ID,Github Repo URL,Post-setup command,"
        + "Change Working Directory,Run Command,Crontab Schedule,Comments";

    private const string SheetDescription = "\"Short unique id of the chef, used by sushops\",Channel title,"
        + "Studio channel id (32 hex digits),Repository that holds the chef,Command run once after setup,"
        + "Folder of the repo the command runs in,Command that runs the chef,When it runs (crontab format),"
        + "Anything else worth knowing";

    private const string PlainHeader = "chef_name,repo_url,command,schedule,role,branch,channel_id,post_setup,cwd";

    private static Inventory Parse(string csv) =>
        InventoryLoader.Parse(new StringReader(csv), "inventory.csv", BaseDir);

    private static InventoryException ParseFails(string csv) =>
        Assert.Throws<InventoryException>(() => Parse(csv));

    [Fact]
    public void Sheet_layout_loads_every_column_and_skips_the_description_row()
    {
        var csv = $"{SheetHeader}\n{SheetDescription}\n"
            + "khan_academy_en,Khan Academy (English),0123456789abcdef0123456789ABCDEF,"
            + "https://github.com/learningequality/sushi-chef-khan-academy.git,make assets,chefs/en,"
            + "./sushichef.py --lang=en,0 2 1 * *,Video heavy\n";

        var inventory = Parse(csv);

        var chef = Assert.Single(inventory.Chefs);
        Assert.Equal(
            new Chef(
                "khan_academy_en",
                "https://github.com/learningequality/sushi-chef-khan-academy.git",
                "./sushichef.py --lang=en",
                Schedule: "0 2 1 * *",
                ChannelId: "0123456789abcdef0123456789ABCDEF",
                PostSetup: "make assets",
                WorkingDirectory: "chefs/en",
                Row: 3),
            chef);
        Assert.Equal("inventory.csv", inventory.Source);
    }

    [Fact]
    public void Sheet_layout_reads_the_optional_role_and_branch_columns()
    {
        var csv = $"{SheetHeader},Role,Branch\n"
            + "pradigi,PraDigi,,https://github.com/learningequality/sushi-chef-pradigi.git,,,./sushichef.py,"
            + "30 3 5 * *,,cloud-kitchen,release/2024\n";

        var chef = Assert.Single(Parse(csv).Chefs);

        Assert.Equal("cloud-kitchen", chef.Role);
        Assert.Equal("release/2024", chef.Branch);
        Assert.Equal(2, chef.Row);
    }

    [Fact]
    public void Plain_layout_loads_every_column()
    {
        var csv = $"{PlainHeader}\n"
            + "pradigi,git@github.com:learningequality/sushi-chef-pradigi.git,./sushichef.py --token={studio_token},"
            + "@monthly,cloud-kitchen,main,0123456789abcdef0123456789abcdef,pip install -e .,src\n";

        var chef = Assert.Single(Parse(csv).Chefs);

        Assert.Equal(
            new Chef(
                "pradigi",
                "git@github.com:learningequality/sushi-chef-pradigi.git",
                "./sushichef.py --token={studio_token}",
                "@monthly",
                "cloud-kitchen",
                "main",
                "0123456789abcdef0123456789abcdef",
                "pip install -e .",
                "src",
                2),
            chef);
    }

    [Fact]
    public void Optional_columns_may_be_absent_and_their_values_are_null()
    {
        var chef = Assert.Single(Parse("chef_name,repo_url,command\nhello,https://h.example/x.git,run\n").Chefs);

        Assert.Null(chef.Schedule);
        Assert.Null(chef.Role);
        Assert.Null(chef.Branch);
        Assert.Null(chef.ChannelId);
        Assert.Null(chef.PostSetup);
        Assert.Null(chef.WorkingDirectory);
    }

    [Fact]
    public void Headers_are_found_in_any_order_and_in_any_case_space_hyphen_or_underscore_style()
    {
        var csv = "CWD, Crontab-Schedule ,RUN COMMAND,Branch,Repo URL,chef-Name,post_setup_command,ROLE,channel id\n"
            + "src,0 3 * * *,./run.sh,dev,https://h.example/x.git,mixed,make,vader,0123456789abcdef0123456789abcdef\n";

        var chef = Assert.Single(Parse(csv).Chefs);

        Assert.Equal(
            new Chef("mixed", "https://h.example/x.git", "./run.sh", "0 3 * * *", "vader", "dev",
                "0123456789abcdef0123456789abcdef", "make", "src", 2),
            chef);
    }

    [Fact]
    public void Cells_are_trimmed_of_surrounding_spaces()
    {
        var csv = "chef_name,repo_url,command\n  hello , https://h.example/x.git ,  run  \n";

        var chef = Assert.Single(Parse(csv).Chefs);

        Assert.Equal(("hello", "https://h.example/x.git", "run"), (chef.Name, chef.RepoUrl, chef.Command));
    }

    [Fact]
    public void Rows_with_an_empty_name_are_skipped()
    {
        var csv = """
            chef_name,repo_url,command,schedule
            first,https://h.example/a.git,run,
            ,not a repo at all,,61 * * * *
               ,,,
            last,https://h.example/b.git,run,
            """;

        var inventory = Parse(csv);

        Assert.Equal(["first", "last"], inventory.Chefs.Select(c => c.Name));
        Assert.Equal(5, inventory.Chefs[1].Row);
    }

    [Fact]
    public void A_header_alone_gives_an_inventory_without_chefs()
    {
        Assert.Empty(Parse(PlainHeader + "\n").Chefs);
    }

    [Fact]
    public void Chefs_keep_the_order_of_the_file()
    {
        var csv = "chef_name,repo_url,command\nzeta,/r/z,run\nalpha,/r/a,run\nmid,/r/m,run\n";

        Assert.Equal(["zeta", "alpha", "mid"], Parse(csv).Chefs.Select(c => c.Name));
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_one_name_twice()
    {
        var error = Assert.Single(ParseFails("chef_name,repo_url,command\ndup,/r/a,run\nDUP,/r/b,run\n").Errors);

        Assert.Equal((3, "chef_name"), (error.Row, error.Column));
        Assert.Contains("\"DUP\" differs only in case from \"dup\", the chef in row 2", error.Message);
    }

    [Fact]
    public void Find_returns_the_chef_by_name_or_null()
    {
        var inventory = Parse("chef_name,repo_url,command\nalpha,/r/a,run\n");

        Assert.Equal("/r/a", inventory.Find("alpha")?.RepoUrl);
        Assert.Null(inventory.Find("Alpha"));
    }

    [Fact]
    public void Quoted_cells_keep_their_commas_and_quotes()
    {
        var csv = "chef_name,repo_url,command\n"
            + "langs,https://h.example/x.git,\"./sushichef.py --langs=en,fr --title=\"\"A, B\"\"\"\n";

        var chef = Assert.Single(Parse(csv).Chefs);

        Assert.Equal("./sushichef.py --langs=en,fr --title=\"A, B\"", chef.Command);
    }

    [Fact]
    public void A_quoted_multi_line_comment_is_one_row_as_a_spreadsheet_shows_it()
    {
        var csv = "chef_name,repo_url,command,comments\n"
            + "first,https://h.example/a.git,run,\"line one\nline two, with a comma\n\nline four\"\n"
            + "second,https://h.example/b.git,run,plain\n";

        var inventory = Parse(csv);

        Assert.Equal([2, 3], inventory.Chefs.Select(c => c.Row));
    }

    [Fact]
    public void Rows_after_a_multi_line_cell_are_numbered_as_a_spreadsheet_shows_them_in_errors()
    {
        var csv = "chef_name,repo_url,command,schedule,comments\n"
            + "first,https://h.example/a.git,run,0 3 * * *,\"runs long\nsee the wiki\nask Ana\"\n"
            + "second,https://h.example/b.git,run,0 3 * *,\n";

        var error = Assert.Single(ParseFails(csv).Errors);

        Assert.Equal(3, error.Row);
        Assert.StartsWith("inventory.csv row 3, column \"schedule\":", error.Render("inventory.csv"));
    }

    [Fact]
    public void A_blank_line_counts_as_a_row_as_it_does_in_a_spreadsheet()
    {
        var csv = "chef_name,repo_url,command\r\nfirst,/r/a,run\r\n\r\nsecond,/r/b,run\r\n";

        Assert.Equal([2, 4], Parse(csv).Chefs.Select(c => c.Row));
    }

    [Fact]
    public void The_description_row_is_recognised_only_as_row_2()
    {
        var csv = $"""
            {PlainHeader}
            first,https://h.example/a.git,run,,,,,,
            The chef of row 3,https://h.example/b.git,run,,,,,,
            """;

        var error = Assert.Single(ParseFails(csv).Errors);

        Assert.Equal(3, error.Row);
        Assert.Contains("\"The chef of row 3\" is not a chef name", error.Message);
    }

    [Fact]
    public void In_the_plain_layout_row_2_is_a_chef_like_any_other()
    {
        var csv = $"""
            {PlainHeader}
            khan academy,https://h.example/a.git,run,,,,,,
            beta,https://h.example/b.git,run,,,,,,
            """;

        var error = Assert.Single(ParseFails(csv).Errors);

        Assert.Equal((2, "chef_name"), (error.Row, error.Column));
        Assert.Contains("\"khan academy\" is not a chef name", error.Message);
    }

    [Fact]
    public void A_double_quote_that_is_never_closed_is_reported_instead_of_swallowing_the_file()
    {
        var csv = $"""
            {SheetHeader}
            "unterminated,,,https://h.example/a.git,,,run,,
            beta,,,https://h.example/b.git,,,run,,
            """;

        var error = Assert.Single(ParseFails(csv).Errors);

        Assert.Equal(2, error.Row);
        Assert.Contains("a double quote opens a cell that is never closed", error.Message);
    }

    [Fact]
    public void A_quote_never_closed_in_a_later_cell_names_its_row_not_the_cells_it_swallowed()
    {
        var csv = "chef_name,repo_url,command\n"
            + "hello,\"https://h.example/x.git,python x.py\n"
            + "other,https://h.example/y.git,python y.py\n";

        var error = Assert.Single(ParseFails(csv).Errors);

        Assert.Equal((2, null), (error.Row, error.Column));
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void A_quote_never_closed_on_the_last_row_is_an_error_not_a_cell_to_the_end_of_the_file()
    {
        var csv = "chef_name,repo_url,command\nhello,https://h.example/x.git,\"python x.py\n";

        var error = Assert.Single(ParseFails(csv).Errors);

        Assert.Equal(2, error.Row);
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void Text_after_a_cells_closing_quote_is_an_error_of_its_row_not_part_of_the_cell()
    {
        var csv = "chef_name,repo_url,command\nhello,\"https://h.example/x.git\"junk,run\n";

        var error = Assert.Single(ParseFails(csv).Errors);

        Assert.Equal(2, error.Row);
        Assert.Contains("text after the closing quote of a cell", error.Message);
    }

    [Theory]
    [InlineData("python x.py --title \"A\"")]
    [InlineData("echo \"half")]
    public void A_quote_inside_a_cell_that_does_not_start_with_one_is_kept_as_written(string command)
    {
        var csv = $"chef_name,repo_url,command\nhello,https://h.example/x.git,{command}\n";

        var chef = Assert.Single(Parse(csv).Chefs);

        Assert.Equal(command, chef.Command);
    }

    [Fact]
    public void A_relative_local_repo_path_is_resolved_against_the_inventory_directory()
    {
        var csv = "chef_name,repo_url,command\n"
            + "bundle,samples/hello_chef.bundle,run\n"
            + "dotted,./repos/x,run\n"
            + "parent,../repos/y,run\n";

        var repos = Parse(csv).Chefs.Select(c => c.RepoUrl);

        Assert.Equal(
            ["/srv/inventories/samples/hello_chef.bundle", "/srv/inventories/repos/x", "/srv/repos/y"],
            repos);
    }

    [Fact]
    public void Absolute_local_paths_and_urls_are_kept_as_written()
    {
        var csv = "chef_name,repo_url,command\n"
            + "abs,/opt/repos/x.git,run\n"
            + "web,https://github.com/learningequality/sushi-chef-tessa.git,run\n"
            + "scp,git@github.com:learningequality/x.git,run\n"
            + "file,file:///opt/repos/y.git,run\n";

        var repos = Parse(csv).Chefs.Select(c => c.RepoUrl);

        Assert.Equal(
            [
                "/opt/repos/x.git",
                "https://github.com/learningequality/sushi-chef-tessa.git",
                "git@github.com:learningequality/x.git",
                "file:///opt/repos/y.git",
            ],
            repos);
    }

    [Fact]
    public void A_missing_required_column_names_the_columns_found()
    {
        var error = Assert.Single(ParseFails("Nickname,Repository link,Cmd,Comments\nx,/r,run,\n").Errors);

        Assert.Equal(
            "inventory.csv row 1: the header lacks the column(s) repo_url (or \"Github Repo URL\"), "
            + "command (or \"Run Command\"); "
            + "found \"Nickname\", \"Repository link\", \"Cmd\", \"Comments\"",
            error.Render("inventory.csv"));
    }

    [Fact]
    public void Two_columns_for_the_same_field_are_refused()
    {
        var error = Assert.Single(ParseFails("chef_name,repo_url,command,Chef Name\nx,/r,run,y\n").Errors);

        Assert.Equal(
            "inventory.csv row 1: the columns \"chef_name\" and \"Chef Name\" both hold chef_name; keep one of them",
            error.Render("inventory.csv"));
    }

    [Fact]
    public void A_row_with_more_cells_than_the_header_is_refused()
    {
        var error = Assert.Single(ParseFails("chef_name,repo_url,command\nx,/r,run a,b\n").Errors);

        Assert.Equal(
            "inventory.csv row 2: has 4 cells but the header has 3 columns; "
            + "put a cell that holds a comma in double quotes",
            error.Render("inventory.csv"));
    }

    [Fact]
    public void Control_characters_of_a_bad_header_are_shown_escaped()
    {
        var error = Assert.Single(ParseFails("\u007fELF\u0001\u0000,x\ny,z\n").Errors);

        Assert.Contains("found \"\\u007fELF\\u0001\\u0000\", \"x\"", error.Message);
    }

    [Fact]
    public void A_missing_name_column_is_reported()
    {
        var error = Assert.Single(ParseFails("repo_url,command\n/r,run\n").Errors);

        Assert.Contains(
            "lacks the column(s) chef_name (or \"Nickname\"); found \"repo_url\", \"command\"", error.Message);
    }

    [Fact]
    public void An_empty_file_says_it_needs_a_header()
    {
        var e = ParseFails("");

        Assert.Equal(
            "inventory.csv: is empty; it needs a header row such as chef_name,repo_url,command,schedule",
            Assert.Single(e.Errors).Render("inventory.csv"));
    }

    [Fact]
    public void An_inventory_error_ends_the_process_with_exit_code_2()
    {
        var e = ParseFails("chef_name,repo_url,command\nbad.name,/r,run\n");

        Assert.Equal(2, e.ExitCode);
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_together_in_row_order()
    {
        var csv = $"""
            {SheetHeader}
            {SheetDescription}
            good,Good,,https://h.example/good.git,,,run,0 3 * * *,
            bad.name,Bad,,-oops,,,run,0 3 * *,
            fine,Fine,,https://h.example/fine.git,,,run,,
            also-bad,Also,abc,https://h.example/b.git,,/abs,,,
            """;

        var e = ParseFails(csv);

        Assert.Equal(
            [
                (4, "Nickname"),
                (4, "Github Repo URL"),
                (4, "Crontab Schedule"),
                (6, "Run Command"),
                (6, "Channel ID"),
                (6, "Change Working Directory"),
            ],
            e.Errors.Select(x => (x.Row, x.Column)));
        Assert.StartsWith("The inventory inventory.csv has 6 errors; nothing was run:", e.Message);
        Assert.Contains(
            "  inventory.csv row 4, column \"Crontab Schedule\": \"0 3 * *\" has 4 fields; a schedule needs 5 "
            + "(minute hour day month weekday)",
            e.Message);
        Assert.Contains(
            "  inventory.csv row 6, column \"Run Command\": the cell is empty; every chef needs a command",
            e.Message);
    }

    [Fact]
    public void One_error_is_counted_in_the_singular()
    {
        var e = ParseFails("chef_name,repo_url,command\nok,/r,\n");

        Assert.StartsWith("The inventory inventory.csv has 1 error; nothing was run:", e.Message);
    }

    [Fact]
    public void Error_columns_are_named_as_the_header_writes_them()
    {
        var e = ParseFails("  Nickname  ,Github Repo URL,Run Command\nx!,/r,run\n");

        Assert.Equal("Nickname", Assert.Single(e.Errors).Column);
    }
}
