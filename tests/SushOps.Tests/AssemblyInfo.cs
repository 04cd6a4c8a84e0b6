// The tests drive real sshd, git, sh and crontab: they run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
