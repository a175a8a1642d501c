using Connect.Fulfillment.Models;

namespace Connect.Fulfillment.Pipeline;

/// <summary>The context of a fulfillment request being handled.</summary>
public sealed class FulfillmentRequestContext : ProcessingContext
{
    /// <summary>Creates a context; the pipeline does this, and tests of handlers may too.</summary>
    /// <param name="request">The request.</param>
    /// <param name="client">The Connect client; the handler reaches its reads and conversation calls through <see cref="ProcessingContext.Connect"/>.</param>
    /// <param name="services">The request's services.</param>
    /// <param name="isDryRun">Whether this is a dry run.</param>
    public FulfillmentRequestContext(FulfillmentRequest request, IConnectClient client, IServiceProvider services, bool isDryRun = false)
        : base(RequireId((request ?? throw new ArgumentNullException(nameof(request))).Id, nameof(request)), client ?? throw new ArgumentNullException(nameof(client)), services ?? throw new ArgumentNullException(nameof(services)), isDryRun)
    {
        Request = request;
    }

    /// <summary>The request as read from Connect.</summary>
    public FulfillmentRequest Request { get; }
}
