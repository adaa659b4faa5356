using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

/// <summary>Cross-field rules of Kong's schema, and a named error for everything this gateway does not do.</summary>
internal static class AiRateLimitingAdvancedValidator
{
    private static readonly string[] LlmFormats = ["anthropic", "bedrock", "cohere", "gemini", "huggingface", "openai"];

    public static IEnumerable<ValidationResult> Validate(AiRateLimitingAdvancedConfig config)
    {
        var errors = new List<ValidationResult>();
        ValidateProviders(config, errors);
        ValidateIdentifier(config, errors);

        if (config.Strategy == CounterStrategy.Cluster)
        {
            Add(errors, "strategy", "'cluster' is not supported: this DB-less gateway has no database to keep counters in; use 'local' (one instance) or 'redis' (shared by every instance)");
        }

        if (config.SyncRate is { } sync && sync != -1 && sync != 0 && sync < 0.02)
        {
            Add(errors, "sync_rate", "must be -1, 0 or at least 0.02");
        }

        if (config.ErrorCode is < 100 or > 599)
        {
            Add(errors, "error_code", "must be an HTTP status code (100-599)");
        }

        if (config.RetryAfterJitterMax < 0)
        {
            Add(errors, "retry_after_jitter_max", "must be 0 or more");
        }

        if (!LlmFormats.Contains(config.LlmFormat, StringComparer.Ordinal))
        {
            Add(errors, "llm_format", "expected one of: " + string.Join(", ", LlmFormats));
        }

        if (config.RequestPromptCountFunction is not null)
        {
            Add(errors, "request_prompt_count_function", "Lua functions are not supported by this gateway; count tokens or cost with tokens_count_strategy");
        }

        if (config.CustomCostCountFunction is not null)
        {
            Add(errors, "custom_cost_count_function", "Lua functions are not supported by this gateway; use tokens_count_strategy: cost with ai-proxy's model.options prices");
        }

        if (config.Strategy == CounterStrategy.Redis)
        {
            ValidateRedis(config.Redis, errors);
        }

        return errors;
    }

    private static void ValidateProviders(AiRateLimitingAdvancedConfig config, List<ValidationResult> errors)
    {
        if (config.LlmProviders is not { } providers)
        {
            return;
        }

        if (providers.Count == 0)
        {
            Add(errors, "llm_providers", "at least one provider is required");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < providers.Count; i++)
        {
            var provider = providers[i];
            var path = $"llm_providers[{i}]";
            if (provider.Name is { } name)
            {
                if (name is "requestPrompt" or "customCost")
                {
                    Add(errors, path + ".name", $"'{name}' is not supported: it needs a Lua function, which this gateway does not run");
                }
                else if (!LlmProviderConfig.Names.Contains(name, StringComparer.Ordinal))
                {
                    Add(errors, path + ".name", "expected one of: " + string.Join(", ", LlmProviderConfig.Names));
                }
                else if (!seen.Add(name))
                {
                    Add(errors, path + ".name", $"provider '{name}' is listed twice");
                }
            }

            if (provider.Limit is not { } limits || provider.WindowSize is not { } sizes)
            {
                continue;
            }

            if (limits.Count == 0 || limits.Count != sizes.Count)
            {
                Add(errors, path, "limit and window_size must be non-empty arrays of the same length");
                continue;
            }

            var windows = new HashSet<double>();
            for (var w = 0; w < sizes.Count; w++)
            {
                if (!(limits[w] >= 0) || double.IsInfinity(limits[w]))
                {
                    Add(errors, $"{path}.limit[{w}]", "must be a number, 0 or more");
                }

                if (!(sizes[w] >= 1) || sizes[w] > 31_536_000 || sizes[w] != Math.Floor(sizes[w]))
                {
                    Add(errors, $"{path}.window_size[{w}]", "must be a whole number of seconds from 1 to 31536000");
                }
                else if (!windows.Add(sizes[w]))
                {
                    Add(errors, $"{path}.window_size[{w}]", $"window {sizes[w]} is listed twice");
                }
            }
        }
    }

    private static void ValidateIdentifier(AiRateLimitingAdvancedConfig config, List<ValidationResult> errors)
    {
        switch (config.Identifier)
        {
            case Identifiers.Header when string.IsNullOrWhiteSpace(config.HeaderName):
                Add(errors, "header_name", "is required with identifier: header");
                break;
            case Identifiers.Path when string.IsNullOrEmpty(config.Path) || config.Path[0] != '/':
                Add(errors, "path", "is required with identifier: path, and starts with '/'");
                break;
            case Identifiers.ConsumerGroup:
                Add(errors, "identifier", "'consumer-group' is not supported: this gateway has no consumer groups; use consumer or credential");
                break;
            default:
                if (!Identifiers.All.Contains(config.Identifier, StringComparer.Ordinal))
                {
                    Add(errors, "identifier", "expected one of: " + string.Join(", ", Identifiers.All));
                }

                break;
        }
    }

    private static void ValidateRedis(RedisConfig redis, List<ValidationResult> errors)
    {
        if (string.IsNullOrWhiteSpace(redis.Host))
        {
            Add(errors, "redis.host", "is required with strategy: redis");
        }

        if (redis.Port is < 1 or > 65535)
        {
            Add(errors, "redis.port", "must be a port number (1-65535)");
        }

        if (redis.Database < 0)
        {
            Add(errors, "redis.database", "must be 0 or more");
        }

        foreach (var (name, value) in new[] { ("connect_timeout", redis.ConnectTimeout), ("send_timeout", redis.SendTimeout), ("read_timeout", redis.ReadTimeout) })
        {
            if (value < 1)
            {
                Add(errors, "redis." + name, "must be at least 1 (milliseconds)");
            }
        }

        if (redis.SentinelMaster is not null || redis.SentinelNodes is { ValueKind: not JsonValueKind.Null })
        {
            Add(errors, "redis.sentinel_master", "Redis Sentinel is not supported by this gateway; point host and port at the master, or at a proxy in front of it");
        }

        if (redis.ClusterNodes is { ValueKind: not JsonValueKind.Null })
        {
            Add(errors, "redis.cluster_nodes", "Redis Cluster is not supported by this gateway; point host and port at one Redis server, or at a proxy in front of the cluster");
        }

        if (redis.CloudAuthentication is { ValueKind: not JsonValueKind.Null })
        {
            Add(errors, "redis.cloud_authentication", "cloud authentication is not supported by this gateway; use username and password");
        }
    }

    private static void Add(List<ValidationResult> errors, string member, string message) =>
        errors.Add(new ValidationResult(message, [member]));
}
