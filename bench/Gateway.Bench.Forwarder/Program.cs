// YARP's direct forwarder and nothing else: every request to --upstream, through the HttpMessageInvoker YARP's
// IForwarderHttpClientFactory builds with its defaults (no proxy, no redirects, no decompression, no cookies).
// Logging is cut to warnings as the gateway host cuts it, so neither column pays for a line per request.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddHttpForwarder();
var upstream = builder.Configuration["upstream"] ?? throw new InvalidOperationException("--upstream http://HOST:PORT is required");
var app = builder.Build();
app.MapForwarder("/{**catch-all}", upstream);
await app.RunAsync();
