using System.Text;
using SushOps.Shell;
using SushOps.Targeting;

namespace SushOps.Plans;

/// <summary>
/// What one verb will do to one chef on one host: files to write, then steps that run as a single shell
/// script in one round trip. A plan is built without touching anything, so it can be printed and tested.
/// </summary>
/// <param name="Verb">The verb that made it: setup, update or run.</param>
/// <param name="Target">The chef and host it is for.</param>
/// <param name="Preamble">Shell that defines the chef's paths and the report functions the steps use.</param>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Files">Secret files written before the script runs.</param>
public sealed record Plan(
    string Verb,
    Target Target,
    string Preamble,
    IReadOnlyList<PlanStep> Steps,
    IReadOnlyList<HostFile> Files)
{
    /// <summary>The whole script the host runs; each step first reports its title, for live progress.</summary>
    public string RenderScript()
    {
        var script = new StringBuilder(Preamble);
        foreach (var step in Steps)
        {
            script.Append('\n').Append("# ").Append(step.Title).Append('\n')
                .Append("report step ").Append(ShellQuote.Quote(step.Title)).Append('\n')
                .Append(step.Script.TrimEnd()).Append('\n');
        }

        return script.ToString();
    }

    /// <summary>The plan as a dry run prints it: its steps in words, secret files without their content.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var become = Target.Host.Role.Become is { } user ? $" as {user} (each script through sudo -u {user} -H)" : "";
        text.Append($"{Verb} {Target.Chef.Name} on {Target.Host.Name}{become}:\n");
        var number = 1;
        foreach (var file in Files)
        {
            text.Append($"  {number++}. write {file.Path} (mode 0600, content not shown)\n");
        }

        foreach (var step in Steps)
        {
            text.Append($"  {number++}. {step.Title}\n");
        }

        return text.ToString();
    }
}
