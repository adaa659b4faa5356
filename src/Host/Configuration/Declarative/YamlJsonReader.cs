using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Reads YAML through YamlDotNet's event parser straight into JSON nodes. The event level (rather than the
/// representation model) is used because duplicate keys must be accepted with the last one winning, as
/// Kong's lyaml and decK do; the Kong tutorial's ai-proxy snippet repeats <c>logging:</c>. Each repeat is
/// reported so the operator learns which value was dropped.
/// </summary>
internal sealed class YamlJsonReader
{
    /// <summary>
    /// Most nodes a document may hold once aliases are expanded. Real decK files have a few thousand; an alias
    /// bomb (9 anchors of 9 aliases each, nested 9 deep) would otherwise grow to 9^9 nodes. go-yaml, which decK
    /// uses, refuses such files as "excessive aliasing" too.
    /// </summary>
    public const int MaxNodes = 1_000_000;

    private readonly IParser _parser;
    private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private readonly List<YamlDuplicateKey> _duplicates = [];
    private int _nodes;

    private YamlJsonReader(IParser parser) => _parser = parser;

    /// <summary>Returns the first document's root (null for an empty file); throws <see cref="YamlException"/>.</summary>
    public static JsonNode? Read(string text) => Read(text, out _);

    /// <summary>As <see cref="Read(string)"/>, also returning every repeated mapping key in file order.</summary>
    public static JsonNode? Read(string text, out IReadOnlyList<YamlDuplicateKey> duplicates)
    {
        var reader = new YamlJsonReader(new Parser(new StringReader(text)));
        var root = reader.ReadStream();
        duplicates = reader._duplicates;
        return root;
    }

    private JsonNode? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.TryConsume<StreamEnd>(out _))
            return null;

        _parser.Consume<DocumentStart>();
        var root = ReadNode();
        _parser.Consume<DocumentEnd>();
        while (_parser.Accept<DocumentStart>(out var next))
        {
            // A trailing "---" opens an empty document; Kong's loader ignores it, so only content is refused.
            _parser.Consume<DocumentStart>();
            if (!_parser.TryConsume<Scalar>(out var empty) || empty is not { Value: "", Style: ScalarStyle.Plain })
                throw new YamlException(next.Start, next.End, "only one YAML document per file is supported");
            _parser.Consume<DocumentEnd>();
        }

        _parser.Consume<StreamEnd>();
        return root;
    }

    private JsonNode? ReadNode()
    {
        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                throw new YamlException(alias.Start, alias.End, $"unknown alias '{alias.Value.Value}'");
            // Counted before cloning, so a bomb is stopped before it costs memory.
            Count(target.Size, alias);
            return target.Node?.DeepClone();
        }

        var before = _nodes;
        Count(1, _parser.Current!);
        JsonNode? node;
        AnchorName anchor;
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            node = YamlScalarTyping.ToNode(scalar);
            anchor = scalar.Anchor;
        }
        else if (_parser.TryConsume<SequenceStart>(out var seq))
        {
            node = ReadSequence();
            anchor = seq.Anchor;
        }
        else
        {
            var map = _parser.Consume<MappingStart>();
            node = ReadMapping();
            anchor = map.Anchor;
        }

        if (!anchor.IsEmpty)
            _anchors[anchor.Value] = (node?.DeepClone(), _nodes - before);
        return node;
    }

    private void Count(int nodes, ParsingEvent at)
    {
        _nodes += nodes;
        if (_nodes > MaxNodes)
        {
            throw new YamlExpansionLimitException(at.Start, at.End,
                "too many YAML alias expansions (the document would exceed " + MaxNodes.ToString("N0", CultureInfo.InvariantCulture) + " nodes)");
        }
    }

    private JsonArray ReadSequence()
    {
        var array = new JsonArray();
        while (!_parser.TryConsume<SequenceEnd>(out _))
            array.Add(ReadNode());
        return array;
    }

    private JsonObject ReadMapping()
    {
        var obj = new JsonObject();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            // Keys are taken as written (no bool/number typing): config keys are field names.
            if (!_parser.TryConsume<Scalar>(out var key))
                throw new YamlException(_parser.Current!.Start, _parser.Current.End, "mapping keys must be scalars");
            var value = ReadNode();
            if (key is { Value: "<<", Style: ScalarStyle.Plain })
            {
                Merge(obj, value, key);
                continue;
            }

            // Last key wins, as in lyaml and go-yaml v2 (decK).
            if (obj.ContainsKey(key.Value))
                _duplicates.Add(new YamlDuplicateKey(key.Value, key.Start.Line));
            obj[key.Value] = value;
        }

        return obj;
    }

    // YAML 1.1 merge keys (<<: *defaults); go-yaml supports them, so decK files may use them.
    private static void Merge(JsonObject target, JsonNode? source, ParsingEvent at)
    {
        var sources = source is JsonArray list ? list.ToList() : [source];
        foreach (var item in sources)
        {
            if (item is not JsonObject map)
                throw new YamlException(at.Start, at.End, "a merge key (<<) needs a mapping or a list of mappings");
            foreach (var (name, value) in map)
            {
                if (!target.ContainsKey(name))
                    target[name] = value?.DeepClone();
            }
        }
    }
}
