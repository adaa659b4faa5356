using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Gateway.Host.Configuration.Model;
using Gateway.Plugins;

namespace Gateway.Host.Consumers;

/// <summary>
/// The consumers and key-auth credentials of one configuration, built once at startup. Keys are held only as
/// HMAC-SHA256 digests under a random per-process secret: a lookup hashes the presented key, finds the candidate by
/// the digest's first 16 bytes and confirms all 32 with <see cref="CryptographicOperations.FixedTimeEquals"/>. The
/// time a lookup takes depends on neither how much of a guess matched a real key nor a real key's length, and the
/// dictionary's own timing reveals only digests an attacker cannot compute without the secret.
/// </summary>
internal sealed class ConsumerIndex : ConsumerDirectory
{
    private const int DigestBytes = 32;
    private const int StackLimit = 1024;

    public static readonly ConsumerIndex Empty = new([], []);

    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(DigestBytes);
    private readonly Dictionary<string, Consumer> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Consumer> _byUsername = new(StringComparer.Ordinal);
    private readonly Dictionary<UInt128, (byte[] Digest, KeyAuthCredential Credential)> _byKey = [];

    public ConsumerIndex(IReadOnlyList<ConsumerEntity> consumers, IReadOnlyList<KeyAuthCredentialEntity> credentials)
    {
        foreach (var entity in consumers)
        {
            var consumer = new Consumer(entity.Id, entity.Username, entity.CustomId) { Tags = entity.Tags };
            _byId.TryAdd(entity.Id, consumer);
            if (entity.Username is not null)
            {
                _byUsername.TryAdd(entity.Username, consumer);
            }
        }

        var digest = new byte[DigestBytes];
        foreach (var credential in credentials)
        {
            if (!_byId.TryGetValue(credential.ConsumerId, out var owner))
            {
                continue;
            }

            Hash(credential.Key, digest);
            _byKey.TryAdd(Slot(digest), (digest.ToArray(), new KeyAuthCredential(credential.Id, owner) { Tags = credential.Tags }));
        }
    }

    public IEnumerable<Consumer> All => _byId.Values;

    public override Consumer? Find(string idOrUsername) =>
        _byId.GetValueOrDefault(idOrUsername) ?? _byUsername.GetValueOrDefault(idOrUsername);

    public Consumer? FindById(string id) => _byId.GetValueOrDefault(id);

    public override KeyAuthCredential? FindByKeyAuth(ReadOnlySpan<char> key)
    {
        Span<byte> digest = stackalloc byte[DigestBytes];
        Hash(key, digest);
        if (!_byKey.TryGetValue(Slot(digest), out var entry))
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(entry.Digest, digest) ? entry.Credential : null;
    }

    private void Hash(ReadOnlySpan<char> key, Span<byte> digest)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var utf8 = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(key, utf8);
            HMACSHA256.HashData(_secret, utf8[..length], digest);
            CryptographicOperations.ZeroMemory(utf8[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static UInt128 Slot(ReadOnlySpan<byte> digest) => MemoryMarshal.Read<UInt128>(digest);
}
