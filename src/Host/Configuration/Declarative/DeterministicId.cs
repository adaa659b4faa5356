using System.Security.Cryptography;
using System.Text;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// RFC 4122 version-5 UUIDs, so an entity declared without an <c>id</c> keeps the same id across restarts
/// (Kong DB-less does the same from the endpoint key).
/// </summary>
internal static class DeterministicId
{
    // A fixed namespace for this gateway's declarative entities; changing it would change every generated id.
    private static readonly Guid Namespace = new("b5a6a0f2-6f3c-4c43-9d55-0e6b6c1f2a10");

    public static string For(string name) => Create(Namespace, name).ToString();

    public static Guid Create(Guid ns, string name)
    {
        Span<byte> input = stackalloc byte[16];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        input.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);

        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 prescribes for v5; it is an id, not a security hash.
        SHA1.HashData(buffer, hash);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Canonical lower-case form of a given id, or null when it is not a UUID.</summary>
    public static string? Normalize(string id) =>
        Guid.TryParseExact(id, "D", out var guid) ? guid.ToString() : null;
}
