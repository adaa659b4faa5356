using Gateway.Host.Pipeline;
using Gateway.Host.Proxy;
using Gateway.Plugins;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Host.Tests.Pipeline;

/// <summary>The one place that decides what a request came to: who failed, the status, what is sent.</summary>
public sealed class RequestOutcomeTests
{
    private const string Target = "upstream.test:443";

    [Fact]
    public void ClientBody_BrokenFraming_400AnsweredWithKongsMessage()
    {
        var fault = ClientBodyFault.From(new BadHttpRequestException("Bad chunk size data.", 400), clientAborted: false);

        var outcome = RequestOutcome.ClientFault(fault);

        Assert.Equal((ResponseSource.Error, 400, Blame.Client), (outcome.Source, outcome.Status, outcome.Blame));
        Assert.Equal("{\"message\":\"Bad request\"}", outcome.Response!.Body);
        Assert.Equal("Bad chunk size data.", outcome.Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ClientBody_ConnectionEndedOrReset_IsAClientThatLeft(bool reset)
    {
        Exception thrown = reset ? new ConnectionResetException("Connection reset by peer") : new BadHttpRequestException("Unexpected end of request content.", 400);

        var outcome = RequestOutcome.ClientFault(ClientBodyFault.From(thrown, clientAborted: false));

        Assert.Equal((499, Blame.Client), (outcome.Status, outcome.Blame));
        Assert.Null(outcome.Response); // nobody to send it to
    }

    [Fact]
    public void ClientBody_TimedOut_408RequestTimeout()
    {
        var outcome = RequestOutcome.ClientFault(ClientBodyFault.TimedOut(TimeSpan.FromSeconds(60)));

        Assert.Equal((408, Blame.Client), (outcome.Status, outcome.Blame));
        Assert.Equal("{\"message\":\"Request timeout\"}", outcome.Response!.Body);
        Assert.Contains("60 s", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Forwarding_RequestBodyFailedOnTheClient_IsTheClientsFaultNotA502()
    {
        var fault = ClientBodyFault.From(new BadHttpRequestException("Bad chunk size data.", 400), clientAborted: false);

        var outcome = RequestOutcome.Forwarding(ForwarderError.RequestBodyClient, new IOException("copy failed"), fault, clientAborted: false, sentStatus: null, Target);

        Assert.Equal((400, Blame.Client), (outcome.Status, outcome.Blame));
    }

    [Fact]
    public void Forwarding_ReadTimeoutWhileWaitingForTheClientsBody_408()
    {
        var outcome = RequestOutcome.Forwarding(ForwarderError.RequestBodyClient, new OperationCanceledException(), null, clientAborted: false, sentStatus: null, Target);

        Assert.Equal((408, Blame.Client), (outcome.Status, outcome.Blame));
    }

    [Fact]
    public void Forwarding_ClientLeftBeforeTheUpstreamAnswered_499FromTheGateway()
    {
        var outcome = RequestOutcome.Forwarding(ForwarderError.RequestCanceled, new TaskCanceledException(), null, clientAborted: true, sentStatus: null, Target);

        Assert.Equal((ResponseSource.Error, 499, Blame.Client), (outcome.Source, outcome.Status, outcome.Blame));
        Assert.Null(outcome.Response);
    }

    [Fact]
    public void Forwarding_UpstreamCutTheStreamAfterItsHeaders_KeepsTheStatusAndBlamesTheUpstream()
    {
        var outcome = RequestOutcome.Forwarding(ForwarderError.ResponseBodyDestination, new IOException("The response ended prematurely."), null, clientAborted: false, sentStatus: 200, Target);

        Assert.Equal((ResponseSource.Upstream, 200, Blame.Upstream), (outcome.Source, outcome.Status, outcome.Blame));
        Assert.Null(outcome.Response);
        Assert.Contains("the upstream cut the response", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Forwarding_ClientStoppedReadingMidStream_BlamesTheClient()
    {
        var outcome = RequestOutcome.Forwarding(ForwarderError.ResponseBodyClient, new IOException("Broken pipe"), null, clientAborted: false, sentStatus: 200, Target);

        Assert.Equal((200, Blame.Client), (outcome.Status, outcome.Blame));
    }

    [Fact]
    public void Forwarding_SilentBodyBeforeAnythingWasSent_504()
    {
        var outcome = RequestOutcome.Forwarding(ForwarderError.ResponseBodyDestination, new OperationCanceledException(), null, clientAborted: false, sentStatus: null, Target);

        Assert.Equal((504, Blame.Upstream), (outcome.Status, outcome.Blame));
        Assert.Equal("{\"message\":\"The upstream server is timing out\"}", outcome.Response!.Body);
    }

    [Fact]
    public void Forwarding_ConnectFailedThroughTheRetries_502NamingTheTargetAndReason()
    {
        var refused = new UpstreamConnectException("upstream.test", 443, "ConnectionRefused", [], new IOException());
        var wrapped = new HttpRequestException(HttpRequestError.ConnectionError, "wrapped", refused);

        var outcome = RequestOutcome.Forwarding(ForwarderError.Request, wrapped, null, clientAborted: false, sentStatus: null, Target);

        Assert.Equal((502, Blame.Upstream), (outcome.Status, outcome.Blame));
        Assert.Equal("{\"message\":\"The upstream server could not be reached (upstream.test:443: ConnectionRefused)\"}", outcome.Response!.Body);
    }

    [Fact]
    public void Forwarding_AnythingElseBeforeAResponse_502InvalidResponse()
    {
        var outcome = RequestOutcome.Forwarding(ForwarderError.Request, new HttpRequestException("The response ended prematurely."), null, clientAborted: false, sentStatus: null, Target);

        Assert.Equal((502, Blame.Upstream), (outcome.Status, outcome.Blame));
        Assert.Equal("{\"message\":\"An invalid response was received from the upstream server\"}", outcome.Response!.Body);
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(503, false)]
    public void Answer_GatewaysOwnResponse_BlamesTheClientFor4xxAndItselfFor5xx(int status, bool clientsFault)
    {
        var outcome = RequestOutcome.Answer(status, "Bad request");

        Assert.Equal((ResponseSource.Error, status, clientsFault ? Blame.Client : Blame.Gateway), (outcome.Source, outcome.Status, outcome.Blame));
        Assert.Equal("{\"message\":\"Bad request\"}", outcome.Response!.Body);
    }
}
