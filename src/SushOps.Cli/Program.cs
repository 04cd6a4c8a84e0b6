using SushOps.Cli;

return await CommandLine.RunAsync(args);
