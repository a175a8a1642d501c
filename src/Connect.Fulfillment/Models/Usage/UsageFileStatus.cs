using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The status of a usage file. Unknown values are kept as they are, never rejected.</summary>
/// <param name="Value">The value as Connect sends it.</param>
[JsonConverter(typeof(StringValueJsonConverter<UsageFileStatus>))]
public readonly record struct UsageFileStatus(string Value) : IStringValue<UsageFileStatus>
{
    /// <summary>Created; no workbook uploaded yet (or the upload was replaced).</summary>
    public static UsageFileStatus Draft { get; } = new("draft");

    /// <summary>A workbook is being received.</summary>
    public static UsageFileStatus Uploading { get; } = new("uploading");

    /// <summary>A workbook was received.</summary>
    public static UsageFileStatus Uploaded { get; } = new("uploaded");

    /// <summary>The workbook was rejected by Connect's checks; see <see cref="UsageFile.ErrorDetail"/>.</summary>
    public static UsageFileStatus Invalid { get; } = new("invalid");

    /// <summary>Connect is checking the workbook.</summary>
    public static UsageFileStatus Processing { get; } = new("processing");

    /// <summary>Checked and ready to be submitted to the provider.</summary>
    public static UsageFileStatus Ready { get; } = new("ready");

    /// <summary>Rejected by the provider.</summary>
    public static UsageFileStatus Rejected { get; } = new("rejected");

    /// <summary>Submitted; waiting for the provider.</summary>
    public static UsageFileStatus Pending { get; } = new("pending");

    /// <summary>Accepted by the provider.</summary>
    public static UsageFileStatus Accepted { get; } = new("accepted");

    /// <summary>Closed (billed).</summary>
    public static UsageFileStatus Closed { get; } = new("closed");

    /// <summary>Deleted.</summary>
    public static UsageFileStatus Deleted { get; } = new("deleted");

    /// <summary>Creates a value from the string Connect sends.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The typed value.</returns>
    public static UsageFileStatus From(string value) => new(value);

    /// <summary>Returns the raw value.</summary>
    /// <returns>The value as Connect sends it, or an empty string for a default instance.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Converts a string to a value.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator UsageFileStatus(string value) => new(value);
}
