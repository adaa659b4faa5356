global using Gateway.TestHosting;

// The suite runs the CLI's native Unix binary and sets Unix file modes (the tutorial's key helper script).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
