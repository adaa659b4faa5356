namespace Gateway.Host.Loading;

/// <summary>A startup failure with one operator-facing line: the host prints it and exits non-zero.</summary>
internal sealed class GatewayStartupException(string message) : Exception(message);
