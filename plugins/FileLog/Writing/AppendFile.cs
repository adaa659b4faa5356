using System.Runtime.InteropServices;

namespace Gateway.Plugins.FileLog.Writing;

/// <summary>Opens log files the best way the platform allows.</summary>
internal static class AppendFile
{
    /// <summary>Opens (creating if needed) <paramref name="path"/> for appending.</summary>
    /// <exception cref="IOException">The file cannot be opened; the message is the operating system's reason.</exception>
    /// <exception cref="UnauthorizedAccessException">Access was denied (portable path).</exception>
    public static IAppendFile Open(string path) =>
        LinuxAppendFile.IsSupported ? LinuxAppendFile.Open(path) : PortableAppendFile.Open(path);

    /// <summary>The operator-facing reason for an open or write failure, without a stack trace.</summary>
    public static string Reason(Exception exception) => exception switch
    {
        ExternalException or IOException or UnauthorizedAccessException => exception.Message,
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
