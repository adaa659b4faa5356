using YamlDotNet.Core;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// A YAML file whose aliases expand past the reader's node budget (an alias bomb). Kept apart from syntax errors
/// because the file is well-formed: the report must say why it is refused, not call it a syntax error.
/// </summary>
internal sealed class YamlExpansionLimitException(Mark start, Mark end, string message) : YamlException(start, end, message);
