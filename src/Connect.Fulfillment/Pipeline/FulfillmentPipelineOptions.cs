using System.ComponentModel.DataAnnotations;

namespace Connect.Fulfillment.Pipeline;

/// <summary>Settings of a <see cref="FulfillmentPipeline"/>; validated at start-up.</summary>
public sealed class FulfillmentPipelineOptions : IValidatableObject
{
    /// <summary>The template name used by <see cref="RequestOutcome.Approve()"/> when no template id is set.</summary>
    public const string DefaultApproveTemplateName = "Default Activation Template";

    /// <summary>The product ids whose requests are processed. Required.</summary>
    public IList<string> Products { get; set; } = [];

    /// <summary>The environments (connection types) processed: any of <c>preview</c>, <c>test</c>, <c>production</c>. <c>preview</c> when empty.</summary>
    public IList<string> Environments { get; set; } = [];

    /// <summary>How many requests are processed at once (1–1024). Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Decide and report what would be done, without writing to Connect or calling vendor adapters.</summary>
    public bool DryRun { get; set; }

    /// <summary>Whether pending tier configuration requests are listed (and processed or skipped) before fulfillment requests. Default true.</summary>
    public bool ProcessTierConfigRequests { get; set; } = true;

    /// <summary>The activation template id used by <see cref="RequestOutcome.Approve()"/>; wins over <see cref="ApproveTemplateName"/>.</summary>
    public string? ApproveTemplateId { get; set; }

    /// <summary>The template name used by <see cref="RequestOutcome.Approve()"/> when <see cref="ApproveTemplateId"/> is not set; looked up once per product and scope per run.</summary>
    public string ApproveTemplateName { get; set; } = DefaultApproveTemplateName;

    /// <summary>How long a handler may take before its request is left for a later run. Default 5 minutes.</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the pipeline may still spend applying an outcome already decided when the run is cancelled, so that a
    /// vendor side effect is followed by its Connect transition rather than left half-applied. Default 30 seconds.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times in one run a write of an outcome (the transition, its parameter update, the template lookup of an
    /// approval) is attempted when Connect's answer is lost (5xx, timeout, reset) or rate-limited (429). A transition is
    /// sent again only after a re-read proves the earlier one was not applied, so it is never applied twice. When the
    /// attempts are used up, the request is left for the next run. 1–10; default 5, so that with 6 % of calls failing
    /// about one request in a million waits for the next run (1 never sends again).
    /// </summary>
    public int MaxTransitionAttempts { get; set; } = 5;

    /// <summary>
    /// The wait before the second attempt of <see cref="MaxTransitionAttempts"/>; it doubles for each later attempt, with
    /// jitter, and is never shorter than Connect's <c>Retry-After</c>. 0–1 minute; default 1 second.
    /// </summary>
    public TimeSpan TransitionRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether <see cref="RunSummary.Results"/> also holds the requests that ended approved. Off by default, so that a
    /// run's memory does not grow with the number of requests it approves: the summary then counts every request but
    /// holds only those that did not end approved. Dry runs always hold every result. To follow each result as it
    /// happens without holding it, listen to the <c>connect.fulfillment.requests</c> counter or the pipeline's
    /// per-request log event (event id 2008).
    /// </summary>
    public bool KeepApprovedResults { get; set; }

    /// <summary>The most listing passes in one run; later passes only pick up requests the first pass could not see. Default 5.</summary>
    [Range(1, int.MaxValue)]
    public int MaxListingPasses { get; set; } = 5;

    /// <summary>Checks the rules that data annotations cannot express; each failure names the setting at fault.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>One result per problem.</returns>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
        => FulfillmentPipelineOptionsValidator.Rules(this).Select(static message => new ValidationResult(message));
}
