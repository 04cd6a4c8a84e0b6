using System.Runtime.InteropServices;

namespace SushOps.Hosts;

/// <summary>Sends POSIX signals to local processes, which .NET's Process can only kill.</summary>
internal static class Signals
{
    private const int Sigterm = 15;

    /// <summary>
    /// Sends TERM to the process group led by <paramref name="processId"/>, or to the process alone when it
    /// leads none; false when it is gone.
    /// </summary>
    public static bool TerminateGroup(int processId) =>
        Kill(-processId, Sigterm) == 0 || Kill(processId, Sigterm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
