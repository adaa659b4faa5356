using System.Buffers;
using System.Text.Json;
using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Logging;

/// <summary>
/// Serializes routes and services once at startup in Kong's entity shape, so the log phase copies bytes instead of
/// walking entities for every request.
/// </summary>
internal static class EntityJson
{
    public static byte[] Service(ServiceEntity service) => Write(service, static (writer, service) =>
    {
        writer.WriteString("id", service.Id);
        WriteOptional(writer, "name", service.Name);
        writer.WriteString("protocol", service.Protocol);
        writer.WriteString("host", service.Host);
        writer.WriteNumber("port", service.Port);
        WriteOptional(writer, "path", service.Path);
        writer.WriteNumber("retries", service.Retries);
        writer.WriteNumber("connect_timeout", service.ConnectTimeout);
        writer.WriteNumber("read_timeout", service.ReadTimeout);
        writer.WriteNumber("write_timeout", service.WriteTimeout);
        writer.WriteBoolean("enabled", service.Enabled);
        WriteList(writer, "tags", service.Tags);
        writer.WriteString("ws_id", Workspace);
    });

    public static byte[] Route(RouteEntity route) => Write(route, static (writer, route) =>
    {
        writer.WriteString("id", route.Id);
        WriteOptional(writer, "name", route.Name);
        WriteList(writer, "protocols", route.Protocols);
        if (route.Methods.Count > 0)
        {
            WriteList(writer, "methods", route.Methods);
        }

        if (route.Hosts.Count > 0)
        {
            WriteList(writer, "hosts", route.Hosts);
        }

        if (route.Paths.Count > 0)
        {
            WriteList(writer, "paths", route.Paths);
        }

        if (route.Headers.Count > 0)
        {
            writer.WriteStartObject("headers");
            foreach (var (name, values) in route.Headers)
            {
                WriteList(writer, name, values);
            }

            writer.WriteEndObject();
        }

        writer.WriteBoolean("strip_path", route.StripPath);
        writer.WriteBoolean("preserve_host", route.PreserveHost);
        writer.WriteNumber("regex_priority", route.RegexPriority);
        writer.WriteString("path_handling", route.PathHandling);
        writer.WriteNumber("https_redirect_status_code", route.HttpsRedirectStatusCode);
        writer.WriteBoolean("request_buffering", route.RequestBuffering);
        writer.WriteBoolean("response_buffering", route.ResponseBuffering);
        if (route.ServiceId is not null)
        {
            writer.WriteStartObject("service");
            writer.WriteString("id", route.ServiceId);
            writer.WriteEndObject();
        }

        WriteList(writer, "tags", route.Tags);
        writer.WriteString("ws_id", Workspace);
    });

    /// <summary>Kong's consumer in the log (<c>kong/pdk/log.lua</c>): the entity with null fields left out.</summary>
    public static void Consumer(Utf8JsonWriter writer, Gateway.Plugins.Consumer consumer)
    {
        writer.WriteStartObject("consumer");
        writer.WriteString("id", consumer.Id);
        WriteOptional(writer, "username", consumer.Username);
        WriteOptional(writer, "custom_id", consumer.CustomId);
        if (consumer.Tags.Count > 0)
        {
            WriteList(writer, "tags", consumer.Tags);
        }

        writer.WriteEndObject();
    }

    // Kong's default workspace id is random per install; DB-less users see one fixed id, so a constant is fine.
    private const string Workspace = "00000000-0000-0000-0000-000000000000";

    // One buffer and writer per thread, reused for every entity: a config of 10,000 services and routes used to
    // create a MemoryStream and a Utf8JsonWriter for each of its 20,000 entities.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static byte[] Write<TEntity>(TEntity entity, Action<Utf8JsonWriter, TEntity> body)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder });
        writer.Reset(buffer);
        try
        {
            writer.WriteStartObject();
            body(writer, entity);
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            // A failed entity must not leave half an object for the next one.
            writer.Reset(buffer);
            buffer.ResetWrittenCount();
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
