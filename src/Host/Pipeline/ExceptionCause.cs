namespace Gateway.Host.Pipeline;

/// <summary>Looks through an exception's causes — inner exceptions, and every branch of an aggregate — because
/// Kestrel and YARP wrap what actually happened (a parser overflow, a timeout) in their own exception types.</summary>
internal static class ExceptionCause
{
    public static bool Any(Exception? exception, Func<Exception, bool> predicate)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (predicate(e))
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(inner => Any(inner, predicate)))
            {
                return true;
            }
        }

        return false;
    }
}
