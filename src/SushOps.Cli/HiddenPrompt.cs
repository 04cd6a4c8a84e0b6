using System.Text;

namespace SushOps.Cli;

/// <summary>Asks on the terminal for a value that is not echoed, such as a password.</summary>
internal static class HiddenPrompt
{
    /// <summary>The typed text, or null when standard input is not a terminal (nobody could answer).</summary>
    public static Secret? Ask(string question)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        Console.Error.Write(question);
        var typed = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
            {
                typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return new Secret(typed.ToString());
    }
}
