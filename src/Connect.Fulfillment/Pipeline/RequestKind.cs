namespace Connect.Fulfillment.Pipeline;

/// <summary>The kinds of Connect request the pipeline processes.</summary>
public enum RequestKind
{
    /// <summary>A fulfillment request (<c>PR-…</c>) of an asset: purchase, change, suspend, resume, cancel, ….</summary>
    Fulfillment,

    /// <summary>A tier configuration request (<c>TCR-…</c>) of a reseller's tier account: setup, update, ….</summary>
    TierConfiguration,
}
