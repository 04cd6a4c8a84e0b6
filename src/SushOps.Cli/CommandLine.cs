using System.CommandLine;
using System.Runtime.InteropServices;
using Serilog;
using SushOps.Cli.Commands;

namespace SushOps.Cli;

/// <summary>The sushops command line: verbs, shared options, and how errors become exit codes.</summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Everything after the first "--" belongs to the chef (run only), never to sushops.
        var split = Array.IndexOf(args, "--");
        var own = split < 0 ? args : args[..split];
        var extra = split < 0 ? [] : args[(split + 1)..];

        var root = Build(extra);
        var result = root.Parse(own);
        var json = own.Contains("--json");
        JsonOutput.Begin();
        var verbosity = result.Errors.Count == 0 ? result.GetValue(CommonOptions.Verbosity) : null;
        Logging.Configure(Verbosity.ToLevel(verbosity ?? "minimal"));
        try
        {
            if (result.Errors.Count > 0)
            {
                foreach (var error in result.Errors)
                {
                    Console.Error.WriteLine(error.Message);
                }

                Console.Error.WriteLine("See sushops --help.");
                return Failed(string.Join("\n", result.Errors.Select(e => e.Message)), ExitCodes.Usage, json);
            }

            if (extra.Length > 0 && result.CommandResult.Command.Name != "run")
            {
                const string OnlyRun = "Only run takes arguments after --; they are passed to the chef.";
                Console.Error.WriteLine(OnlyRun);
                return Failed(OnlyRun, ExitCodes.Usage, json);
            }

            // sushops handles Ctrl-C itself, so that a verb can stop its hosts' commands and print its recap.
            using var interrupt = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Interrupt(c, interrupt));
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Interrupt(c, interrupt));
            var configuration = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await result.InvokeAsync(configuration, interrupt.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Interrupted.");
            return Failed("Interrupted.", ExitCodes.Interrupted, json);
        }
        catch (SushOpsException e)
        {
            Log.Debug(e, "Stopped with exit code {ExitCode}", e.ExitCode);
            Console.Error.WriteLine(Secret.RedactKnown(e.Message));
            return Failed(e.Message, e.ExitCode, json);
        }
        catch (Exception e)
        {
            Log.Error(e, "Unexpected failure");
            var message = $"sushops failed unexpectedly: {e.Message}";
            Console.Error.WriteLine(Secret.RedactKnown(message));
            Console.Error.WriteLine($"Details: run again with -v diagnostic, or see the log in {Logging.Directory}.");
            return Failed(message, ExitCodes.Failed, json);
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    // With --json, standard output holds one document whatever happened (JsonOutput masks secrets).
    private static int Failed(string message, int exitCode, bool json)
    {
        if (json)
        {
            JsonOutput.PrintError(message, exitCode);
        }

        return exitCode;
    }

    // The first signal asks the running verb to stop and report; a second one ends sushops at once.
    private static void Interrupt(PosixSignalContext context, CancellationTokenSource interrupt)
    {
        if (interrupt.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        Console.Error.WriteLine("Interrupted: stopping the commands sushops started (press Ctrl-C again to quit now)");
        interrupt.Cancel();
    }

    private static RootCommand Build(string[] extra)
    {
        var root = new RootCommand(
            "sushops sets up, updates and runs sushi chefs (ricecooker scripts) on the hosts of each role, "
            + "over SSH or on this machine.")
        {
            CommonOptions.Inventory,
            CommonOptions.Config,
            CommonOptions.Verbosity,
            CommonOptions.Offline,
            CommonOptions.MaxInventoryAge,
            VerbCommand.Setup(),
            VerbCommand.Update(),
            VerbCommand.Run(extra),
            ScheduleCommand.Schedule(),
            ScheduleCommand.Unschedule(),
            ListCommand.Create(),
            InventoryCommand.Create(),
            StatusCommand.Create(),
            LogsCommand.Create(),
            PsCommand.Create(),
            VerbCommand.Stop(),
            DoctorCommand.Create(),
            ReportCommand.Create(),
            PromoteCommand.Create(),
        };
        return root;
    }
}
