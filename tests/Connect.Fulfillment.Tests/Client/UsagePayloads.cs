namespace Connect.Fulfillment.Tests.Client;

/// <summary>
/// Usage file answers shaped by the spec (usage.UsageFileCreate and usage.UsageFileDetail): no real usage payload is
/// among the fixtures, so these follow the schema field by field, with nulls where the spec allows them.
/// </summary>
internal static class UsagePayloads
{
    public const string Created = """
        {"id": "UF-2026-11-1234-5678", "name": "Usage 2026-11", "external_id": "usage-PRD-1-CRD-1-2026-11",
         "vendor": "VA-000-000", "provider": "PA-000-000", "environment": "production", "marketplace": "MP-00000",
         "distribution_contract": "CRD-00000-00000-00000", "product_id": "PRD-123-456-789", "product_name": "Cloud",
         "product_icon": "/media/icon.png", "description": null, "schema": "qt", "currency": "USD",
         "start_datetime_utc": null, "end_datetime_utc": null}
        """;

    public static string Detail(string status, string? errorDetail = null, string id = "UF-2026-11-1234-5678") => $$"""
        {"id": "{{id}}", "name": "Usage 2026-11", "external_id": "usage-PRD-1-CRD-1-2026-11", "status": "{{status}}",
         "vendor": {"id": "VA-000-000", "name": "Vendor", "icon": null},
         "provider": {"id": "PA-000-000", "name": "Provider", "icon": "/p.png"},
         "environment": "production", "marketplace": {"id": "MP-00000", "name": "Main", "icon": null},
         "contract": {"id": "CRD-00000-00000-00000", "name": "Distribution"},
         "product": {"id": "PRD-123-456-789", "name": "Cloud", "icon": null},
         "error_detail": {{(errorDetail is null ? "null" : "\"" + errorDetail + "\"")}}, "description": null, "acceptance_note": null,
         "rejection_note": null, "schema": "qt", "currency": "USD", "period": {"from": "2026-11-01", "to": "2026-11-30"},
         "stats": {"uploaded": 2, "validated": 2, "pending": 0, "accepted": 0, "closed": 0, "billed": 0},
         "events": {"created": {"at": "2026-12-01T03:00:00+00:00", "by": {"id": "SU-1", "name": "Bot"} } },
         "sub_status": null, "usage_file_uri": "/files/uf.xlsx", "processed_file_uri": "/files/uf-processed.xlsx",
         "reconciliation_file_uri": null, "records": {"valid": 2, "invalid": 0, "closed": null}, "new_field": {"x": [1]} }
        """;

    public const string PpuProduct = """
        {"id": "PRD-123-456-789", "name": "Cloud", "status": "published", "version": 3,
         "capabilities": {"ppu": {"schema": "QT", "dynamic": false, "predictive": false, "future": null, "late": true,
                                  "required_custom_fields": null},
                          "reservation": {"consumption": "none"}, "cart": {"single": true}}}
        """;
}
