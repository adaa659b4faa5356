namespace Gateway.Host.Configuration.Declarative;

/// <summary>Unwinds <see cref="DeckTemplate"/>'s recursive descent with one operator-facing line.</summary>
internal sealed class DeckTemplateException(string message) : Exception(message);
