using System.Text;

namespace Gateway.Bench.Micro;

/// <summary>A realistic Claude stream as the upstream flushes it: one chunk per event, 64 text deltas.</summary>
internal static class ClaudeStream
{
    public static byte[][] Events(int deltas = 64)
    {
        var events = new List<string>
        {
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":2095,\"cache_creation_input_tokens\":5498,\"cache_read_input_tokens\":14160,\"cache_creation\":{\"ephemeral_5m_input_tokens\":5498,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1,\"service_tier\":\"standard\"}}}\n\n",
            "event: ping\ndata: {\"type\": \"ping\"}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        };
        for (var i = 0; i < deltas; i++)
        {
            events.Add($"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"word{i} and some more \"}}}}\n\n");
        }

        events.Add("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        events.Add("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":2095,\"cache_creation_input_tokens\":5498,\"cache_read_input_tokens\":14160,\"output_tokens\":64}}\n\n");
        events.Add("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return [.. events.Select(Encoding.UTF8.GetBytes)];
    }
}
