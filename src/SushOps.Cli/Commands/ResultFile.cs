namespace SushOps.Cli.Commands;

/// <summary>A file a verb writes its result to, checked before any work so that a typo costs nothing.</summary>
internal static class ResultFile
{
    /// <summary>The full path of <paramref name="path"/>, once its folder is known to exist.</summary>
    public static string Require(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new SushOpsException($"{full} is a directory; give the path of a file to write.");
        }

        var folder = Path.GetDirectoryName(full)!;
        return Directory.Exists(folder)
            ? full
            : throw new SushOpsException($"Cannot write {full}: the folder {folder} does not exist.");
    }

    /// <summary>Runs <paramref name="write"/>, turning a refusal of the file system into a plain message.</summary>
    public static async Task WriteAsync(string path, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SushOpsException($"Cannot write {path}: {e.Message}", ExitCodes.Failed);
        }
    }
}
