namespace Gateway.Plugins.AiProxy.Request;

/// <summary>
/// Sets top-level fields by splicing bytes: every byte of the client's body outside the replaced values stays as
/// sent (key order, whitespace, number formatting), and a large body is copied once instead of re-serialized.
/// </summary>
internal static class JsonBodyPatcher
{
    public static byte[] Apply(ReadOnlySpan<byte> body, int objectStart, IReadOnlyList<BodyPatch> patches)
    {
        var inserts = new List<BodyPatch>();
        var replaces = new List<BodyPatch>();
        var size = body.Length;
        foreach (var patch in patches)
        {
            if (patch.Existing is { } range)
            {
                replaces.Add(patch);
                size += patch.Value.Length - (range.End - range.Start);
            }
            else
            {
                inserts.Add(patch);
                size += patch.Name.Length + 1 + patch.Value.Length + 1;
            }
        }

        var emptyObject = IsEmptyObject(body, objectStart);
        if (emptyObject && inserts.Count > 0)
        {
            size--; // no separator after the last inserted field
        }

        replaces.Sort(static (a, b) => a.Existing!.Value.Start.CompareTo(b.Existing!.Value.Start));
        var output = new byte[size];
        var written = 0;
        var read = objectStart + 1;
        Copy(body[..read], output, ref written);
        for (var i = 0; i < inserts.Count; i++)
        {
            // "name":value, — the separator is left out after the last field of an otherwise empty object.
            Copy(inserts[i].Name, output, ref written);
            output[written++] = (byte)':';
            Copy(inserts[i].Value, output, ref written);
            if (!emptyObject || i < inserts.Count - 1)
            {
                output[written++] = (byte)',';
            }
        }

        foreach (var replace in replaces)
        {
            var range = replace.Existing!.Value;
            Copy(body[read..range.Start], output, ref written);
            Copy(replace.Value, output, ref written);
            read = range.End;
        }

        Copy(body[read..], output, ref written);
        return output;
    }

    private static bool IsEmptyObject(ReadOnlySpan<byte> body, int objectStart)
    {
        var rest = body[(objectStart + 1)..].TrimStart(" \t\r\n"u8);
        return !rest.IsEmpty && rest[0] == (byte)'}';
    }

    private static void Copy(ReadOnlySpan<byte> source, byte[] output, ref int written)
    {
        source.CopyTo(output.AsSpan(written));
        written += source.Length;
    }
}
