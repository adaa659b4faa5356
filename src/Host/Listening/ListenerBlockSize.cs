using Gateway.Host.Loading;
using Microsoft.Extensions.Configuration;

namespace Gateway.Host.Listening;

/// <summary>
/// The size of the proxy listener's pipe blocks, which is also the largest single receive from a client socket
/// (<see cref="ListenerBlockPool"/>), and how many free blocks the pool may keep. Changed with ASP.NET Core's
/// configuration like the <see cref="ListenerLimits"/>: <c>--Gateway:ListenerBlockSize=4096</c> gives Kestrel's
/// own block size back.
/// </summary>
internal sealed record ListenerBlockSize(int BlockSize, int MaxRetainedBlocks)
{
    public const string ConfigurationKey = "Gateway:ListenerBlockSize";
    public const int Default = 32 * 1024;
    public const int Minimum = 4 * 1024;
    public const int Maximum = 1024 * 1024;

    /// <summary>The free blocks a pool keeps after a burst, whatever the block size: 16 MB.</summary>
    public const long MaxRetainedBytes = 16L * 1024 * 1024;

    public static ListenerBlockSize Of(int blockSize) => new(blockSize, (int)(MaxRetainedBytes / blockSize));

    public static ListenerBlockSize Read(IConfiguration configuration)
    {
        var text = configuration[ConfigurationKey];
        if (text is null)
        {
            return Of(Default);
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size)
            || size is < Minimum or > Maximum)
        {
            throw new GatewayStartupException($"{ConfigurationKey} must be a number of bytes from {Minimum} to {Maximum}, got '{text}'");
        }

        return Of(size);
    }
}
