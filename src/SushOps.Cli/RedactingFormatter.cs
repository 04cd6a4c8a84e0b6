using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace SushOps.Cli;

/// <summary>Renders log events with a template, then masks every known secret in the finished text.</summary>
internal sealed class RedactingFormatter(string outputTemplate) : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _inner = new(outputTemplate);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var text = new StringWriter();
        _inner.Format(logEvent, text);
        output.Write(SushOps.Secret.RedactKnown(text.ToString()));
    }
}
