using Connect.Fulfillment.Pipeline.Internal;

namespace Connect.Fulfillment.Tests.Pipeline;

/// <summary>Which failures the run tries again, how often, and how long it waits first.</summary>
public class TransitionRetryTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);

    private static ConnectApiException Answered(int status) => new(new ConnectErrorDetails { StatusCode = status, Method = "POST", Path = "requests/PR-1/approve" });

    private static ConnectRateLimitedException RateLimited(TimeSpan? retryAfter) => new(new ConnectErrorDetails { StatusCode = 429 }, retryAfter);

    [TestCase(0, true, TestName = "No answer (reset, timeout) is transient")]
    [TestCase(500, true, TestName = "500 is transient")]
    [TestCase(502, true, TestName = "502 is transient")]
    [TestCase(429, true, TestName = "429 is transient")]
    [TestCase(408, true, TestName = "408 is transient")]
    [TestCase(400, false, TestName = "400 is a refusal")]
    [TestCase(401, false, TestName = "401 is a refusal")]
    [TestCase(404, false, TestName = "404 is a refusal")]
    public void Transient_failures_are_lost_answers_and_calls_not_processed(int status, bool transient)
        => Assert.That(TransitionRetry.IsTransient(Answered(status)), Is.EqualTo(transient));

    [Test]
    public void Attempts_are_bounded()
    {
        var retry = new TransitionRetry(3, Base, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(retry.MayRetry(1, Answered(502)), Is.True);
            Assert.That(retry.MayRetry(2, Answered(502)), Is.True);
            Assert.That(retry.MayRetry(3, Answered(502)), Is.False, "three attempts in all");
            Assert.That(retry.MayRetry(1, Answered(400)), Is.False, "a refusal would come back the same");
            Assert.That(new TransitionRetry(1, Base, TimeProvider.System).MayRetry(1, Answered(502)), Is.False);
        });
    }

    [Test]
    public void The_wait_doubles_with_jitter()
    {
        var retry = new TransitionRetry(5, Base, TimeProvider.System);
        var first = Enumerable.Range(0, 200).Select(_ => retry.DelayAfter(1, Answered(503))).ToList();
        var third = Enumerable.Range(0, 200).Select(_ => retry.DelayAfter(3, Answered(503))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.All.InRange(TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25)));
            Assert.That(third, Has.All.InRange(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)));
            Assert.That(first.Distinct().Count(), Is.GreaterThan(1), "jittered, so that replicas do not retry in step");
        });
    }

    [Test]
    public void Retry_After_is_honoured_and_a_wait_too_long_for_the_run_is_left_to_the_next_one()
    {
        var retry = new TransitionRetry(3, Base, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(retry.DelayAfter(1, RateLimited(TimeSpan.FromSeconds(7))), Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(retry.DelayAfter(1, RateLimited(null)), Is.InRange(TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25)));
            Assert.That(retry.DelayAfter(3, RateLimited(TimeSpan.FromMilliseconds(10))), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)), "the backoff when longer");
            Assert.That(retry.MayRetry(1, RateLimited(TimeSpan.FromMinutes(1))), Is.True);
            Assert.That(retry.MayRetry(1, RateLimited(TimeSpan.FromMinutes(5))), Is.False);
        });
    }
}
