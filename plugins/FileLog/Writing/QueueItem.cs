using Gateway.Plugins.FileLog.Serialization;

namespace Gateway.Plugins.FileLog.Writing;

/// <summary>What travels through a writer's queue: a line, or a flush marker completed once everything queued
/// before it is written.</summary>
internal readonly record struct QueueItem(LogLine Line, TaskCompletionSource? Flushed);
