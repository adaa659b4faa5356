namespace Gateway.Plugins.AiProxy.Request;

/// <summary>One top-level field to set: replace <see cref="Existing"/> when the body has it, else insert.</summary>
/// <param name="Name">The property name, already JSON-encoded with its quotes.</param>
/// <param name="Value">The JSON value.</param>
/// <param name="Existing">The current value's range, or null to insert the field.</param>
internal readonly record struct BodyPatch(byte[] Name, byte[] Value, ValueRange? Existing);
