using Gateway.Plugins.FileLog.CustomFields;
using Gateway.Plugins.FileLog.Writing;

namespace Gateway.Plugins.FileLog;

/// <summary>What one configured instance needs per request, prepared once: its file's writer and its compiled
/// custom fields.</summary>
internal sealed record FileLogTarget(FileLogWriter Writer, CustomField[] Fields);
