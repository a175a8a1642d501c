namespace Connect.Fulfillment.Samples;

/// <summary>The pay-as-you-go part of the embedded demo, used by the processor's usage mode.</summary>
public sealed partial class DemoEnvironment
{
    /// <summary>The pay-as-you-go product of the embedded demo.</summary>
    public const string DemoUsageProductId = "PRD-276-377-546";
}
