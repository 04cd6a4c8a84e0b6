namespace SushOps.Tests.Infrastructure;

/// <summary>Says in the test output when a fleet runs on loopback ports, namespaces not being permitted.</summary>
public static class TestFleetNotes
{
    /// <summary>Writes the note to the current test's output, and to the runner's diagnostics.</summary>
    public static void Tell(TestFleet fleet)
    {
        if (fleet.WhyNoNamespaces is not { } why)
        {
            return;
        }

        var note = $"NOTE: the test hosts are sshd processes on loopback ports, not network namespaces: {why}";
        TestContext.Current.TestOutputHelper?.WriteLine(note);
        TestContext.Current.SendDiagnosticMessage(note);
    }
}
