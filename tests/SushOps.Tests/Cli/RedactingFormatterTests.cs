using Serilog.Events;
using Serilog.Parsing;
using SushOps.Cli;

namespace SushOps.Tests.Cli;

public class RedactingFormatterTests
{
    [Fact]
    public void A_secret_is_masked_in_the_message_its_properties_and_the_exception_of_a_log_line()
    {
        var secret = new Secret("formatter-secret-3a9");
        var template = new MessageTemplateParser().Parse("Host said {Line}");
        var failure = new InvalidOperationException($"failed with {secret.Reveal()} in it");
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Verbose, failure, template,
            [new LogEventProperty("Line", new ScalarValue($"token={secret.Reveal()}"))]);
        var text = new StringWriter();

        new RedactingFormatter("{Level:u3} {Message:lj}{NewLine}{Exception}").Format(logEvent, text);

        Assert.StartsWith("VRB Host said token=***", text.ToString());
        Assert.Contains("failed with *** in it", text.ToString());
        Assert.DoesNotContain(secret.Reveal(), text.ToString());
    }
}
