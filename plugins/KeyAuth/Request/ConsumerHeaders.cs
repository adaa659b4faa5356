using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.KeyAuth.Request;

/// <summary>
/// Kong's <c>set_consumer</c>: tells the upstream who called. Absent values clear their header, so a client cannot
/// pose as someone else by sending it.
/// </summary>
internal static class ConsumerHeaders
{
    public const string ConsumerId = "X-Consumer-ID";
    public const string CustomId = "X-Consumer-Custom-ID";
    public const string Username = "X-Consumer-Username";
    public const string Credential = "X-Credential-Identifier";
    public const string Anonymous = "X-Anonymous-Consumer";

    public static void Set(IHeaderDictionary headers, Consumer consumer, string? credentialId)
    {
        Put(headers, ConsumerId, consumer.Id);
        Put(headers, CustomId, consumer.CustomId);
        Put(headers, Username, consumer.Username);
        Put(headers, Credential, credentialId);
        Put(headers, Anonymous, credentialId is null ? "true" : null);
    }

    private static void Put(IHeaderDictionary headers, string name, string? value)
    {
        if (value is null)
        {
            headers.Remove(name);
        }
        else
        {
            headers[name] = value;
        }
    }
}
