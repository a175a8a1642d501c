using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>
/// A usage file: one pay-as-you-go report of a product under one contract for one period. Connect answers a create with
/// a flatter shape (account and marketplace ids as text, <c>product_id</c>); both shapes are read into this record.
/// </summary>
public sealed record UsageFile
{
    /// <summary>The usage file id (<c>UF-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>The caller's own id of the file; the usage reporter derives it from product, contract and period.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The status.</summary>
    public UsageFileStatus Status { get; init; }

    /// <summary>The sub-status while Connect works on the file (<c>processing</c>, <c>processed</c>).</summary>
    public string? SubStatus { get; init; }

    /// <summary>The vendor account.</summary>
    [JsonConverter(typeof(ReferenceJsonConverter))]
    public Reference? Vendor { get; init; }

    /// <summary>The provider account.</summary>
    [JsonConverter(typeof(ReferenceJsonConverter))]
    public Reference? Provider { get; init; }

    /// <summary>The environment (<c>test</c>, <c>preview</c>, <c>production</c>).</summary>
    public ConnectionType Environment { get; init; }

    /// <summary>The marketplace.</summary>
    [JsonConverter(typeof(ReferenceJsonConverter))]
    public Reference? Marketplace { get; init; }

    /// <summary>The distribution contract.</summary>
    [JsonConverter(typeof(ReferenceJsonConverter))]
    public Reference? Contract { get; init; }

    /// <summary>The product.</summary>
    [JsonConverter(typeof(ReferenceJsonConverter))]
    public Reference? Product { get; init; }

    /// <summary>The product id, as the create answer sends it; see also <see cref="Product"/>.</summary>
    public string? ProductId { get; init; }

    /// <summary>Why Connect found the file invalid, when it did.</summary>
    public string? ErrorDetail { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The provider's note on acceptance.</summary>
    public string? AcceptanceNote { get; init; }

    /// <summary>The provider's note on rejection.</summary>
    public string? RejectionNote { get; init; }

    /// <summary>The usage schema of the file.</summary>
    public UsageSchema Schema { get; init; }

    /// <summary>The currency, for example <c>USD</c>.</summary>
    public string? Currency { get; init; }

    /// <summary>The reported period.</summary>
    public UsageFilePeriod? Period { get; init; }

    /// <summary>Record counts per state.</summary>
    public UsageFileStats? Stats { get; init; }

    /// <summary>Valid and invalid record counts.</summary>
    public UsageFileRecordCounts? Records { get; init; }

    /// <summary>Where the uploaded workbook can be downloaded.</summary>
    public string? UsageFileUri { get; init; }

    /// <summary>Where Connect's processed workbook (with per-record errors) can be downloaded.</summary>
    public string? ProcessedFileUri { get; init; }

    /// <summary>The id of the product, from <see cref="Product"/> or <see cref="ProductId"/>.</summary>
    [JsonIgnore]
    public string? ProductIdentifier => Product?.Id ?? ProductId;
}
