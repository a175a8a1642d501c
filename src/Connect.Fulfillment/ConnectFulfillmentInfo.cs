namespace Connect.Fulfillment;

/// <summary>Constants that identify this library to Connect and to telemetry.</summary>
public static class ConnectFulfillmentInfo
{
    /// <summary>The name used for the library's <c>ActivitySource</c>, <c>Meter</c> and logging categories.</summary>
    public const string Name = "Connect.Fulfillment";
}
