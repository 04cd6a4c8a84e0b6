namespace SushOps;
internal static class Placeholder;
