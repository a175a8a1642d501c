using System.Collections.Concurrent;
using System.Threading.Channels;
using Connect.Fulfillment.Pipeline;
using Microsoft.Extensions.Options;

namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>One piece of event work: a request to process, or (no id) a run of the pipeline.</summary>
/// <param name="Kind">The request's kind; ignored for a run.</param>
/// <param name="RequestId">The request id, checked by <see cref="WebhookIds"/>; null for a run.</param>
internal sealed record EventWork(RequestKind Kind, string? RequestId)
{
    /// <summary>The key under which duplicates are recognised.</summary>
    public string Key => RequestId ?? "pipeline run";
}

/// <summary>How <see cref="EventQueue.TryEnqueue"/> went.</summary>
internal enum EnqueueResult
{
    Queued,
    AlreadyQueued,
    Full,
    Closed,
}

/// <summary>
/// The bounded queue between the events endpoint and <see cref="EventWorker"/>. A request (or a run) is held at most
/// once from the moment it is queued until its processing ends, so duplicate notifications that arrive meanwhile
/// are dropped rather than processed twice.
/// </summary>
internal sealed class EventQueue
{
    private readonly Channel<EventWork> channel;
    private readonly ConcurrentDictionary<string, byte> held = new(StringComparer.Ordinal);
    private volatile bool closed;

    public EventQueue(IOptions<ConnectWebhookOptions> options)
    {
        channel = Channel.CreateBounded<EventWork>(new BoundedChannelOptions(options.Value.EventQueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    public ChannelReader<EventWork> Reader => channel.Reader;

    public EnqueueResult TryEnqueue(EventWork work)
    {
        if (closed)
        {
            return EnqueueResult.Closed;
        }

        if (!held.TryAdd(work.Key, 0))
        {
            return EnqueueResult.AlreadyQueued;
        }

        if (!channel.Writer.TryWrite(work))
        {
            held.TryRemove(work.Key, out _);
            return closed ? EnqueueResult.Closed : EnqueueResult.Full;
        }

        return EnqueueResult.Queued;
    }

    /// <summary>Ends the hold on the work's key: a later notification for it is queued again.</summary>
    public void Release(EventWork work) => held.TryRemove(work.Key, out _);

    /// <summary>Refuses further work; what is queued stays readable.</summary>
    public void Close()
    {
        closed = true;
        channel.Writer.TryComplete();
    }
}
