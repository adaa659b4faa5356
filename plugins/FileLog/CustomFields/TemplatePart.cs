namespace Gateway.Plugins.FileLog.CustomFields;

/// <summary>One piece of a template: literal text, or a variable with its header or query name.</summary>
/// <param name="Source">What the part reads.</param>
/// <param name="Text">The literal text, or the header or query parameter name; empty otherwise.</param>
internal readonly record struct TemplatePart(TemplateSource Source, string Text);
