using System.Text.Json;
using Gateway.Host.Configuration.Model;

namespace Gateway.Host.Logging;

/// <summary>
/// Serializes routes and services once at startup in Kong's entity shape, so the log phase copies bytes instead of
/// walking entities for every request.
/// </summary>
internal static class EntityJson
{
    public static byte[] Service(ServiceEntity service) => Write(writer =>
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

    public static byte[] Route(RouteEntity route) => Write(writer =>
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

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
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
