using Gateway.MockAnthropic.Http;
using Gateway.MockAnthropic.Recording;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Endpoints;

/// <summary><c>GET /v1/models</c>: a fixed first page in the real API's list shape.</summary>
internal static class ModelsEndpoint
{
    public static readonly (string Id, string DisplayName, string CreatedAt)[] Models =
    [
        ("claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", "2025-09-29T00:00:00Z"),
        ("claude-haiku-4-5-20251001", "Claude Haiku 4.5", "2025-10-01T00:00:00Z"),
        ("claude-opus-4-1-20250805", "Claude Opus 4.1", "2025-08-05T00:00:00Z"),
        ("claude-sonnet-4-20250514", "Claude Sonnet 4", "2025-05-14T00:00:00Z"),
    ];

    public static Task HandleAsync(HttpContext context, Exchange exchange, CancellationToken cancellationToken) =>
        JsonResponder.SendAsync(
            context,
            exchange,
            StatusCodes.Status200OK,
            Models,
            static (w, models) =>
            {
                w.WriteStartObject();
                w.WriteStartArray("data"u8);
                foreach (var (id, displayName, createdAt) in models)
                {
                    w.WriteStartObject();
                    w.WriteString("type"u8, "model"u8);
                    w.WriteString("id"u8, id);
                    w.WriteString("display_name"u8, displayName);
                    w.WriteString("created_at"u8, createdAt);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteBoolean("has_more"u8, false);
                w.WriteString("first_id"u8, models[0].Id);
                w.WriteString("last_id"u8, models[^1].Id);
                w.WriteEndObject();
            },
            cancellationToken);
}
