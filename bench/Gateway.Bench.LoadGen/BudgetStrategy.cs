namespace Gateway.Bench.LoadGen;

/// <summary>Where <c>--with-budget</c> keeps the ai-rate-limiting-advanced counters of the gateway column: the
/// plugin's own <c>strategy</c> values.</summary>
internal enum BudgetStrategy
{
    /// <summary>In-process counters (<c>strategy: local</c>).</summary>
    Local,

    /// <summary>A redis-server the harness starts on a free loopback port (<c>strategy: redis</c>).</summary>
    Redis,
}
