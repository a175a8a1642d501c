using System.Globalization;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing.Internal.Usage;

/// <summary>
/// Checks the rows of an uploaded sheet the way Connect does: the schema's columns are there, each record has a unique
/// id, names a pay-as-you-go item and an asset of the file's product (and contract), has numbers that are not negative
/// and times inside the file's period. Runs under the store lock.
/// </summary>
internal sealed class UsageRecordChecker(SandboxStore store, JsonObject file)
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    private readonly string _productId = JsonPath.GetString(file, "product.id") ?? string.Empty;
    private readonly string? _contractId = JsonPath.GetString(file, "contract.id");
    private readonly string _schema = JsonPath.GetString(file, "schema") ?? "qt";

    // The product's assets by parameter value, built once per parameter a sheet searches by.
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _byParameter = new(StringComparer.Ordinal);

    public (List<SandboxUsageRecord> Records, List<string> Errors) Check(UsageSheet sheet)
    {
        var missing = UsageSchemas.RequiredColumns(_schema).Where(c => !sheet.Columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return ([], [$"The sheet {UsageWorkbookReader.SheetName} lacks the column(s) {string.Join(", ", missing)} that the {_schema.ToUpperInvariant()} schema requires."]);
        }

        if (sheet.Rows.Count == 0)
        {
            return ([], [$"The sheet {UsageWorkbookReader.SheetName} has no records."]);
        }

        var (from, to) = Period();
        var items = store.PayAsYouGoItems(_productId).ToList();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var records = new List<SandboxUsageRecord>();
        var errors = new List<string>();
        foreach (var row in sheet.Rows)
        {
            var problems = new List<string>();
            string? Cell(string column) => sheet.Columns.TryGetValue(column, out var i) && i < row.Cells.Count && !string.IsNullOrWhiteSpace(row.Cells[i]) ? row.Cells[i]!.Trim() : null;

            var recordId = Cell("record_id");
            if (recordId is null)
            {
                problems.Add("record_id is empty");
            }
            else if (!seen.TryAdd(recordId, row.Number))
            {
                problems.Add($"record_id \"{recordId}\" repeats row {seen[recordId]}");
            }

            var item = FindItem(items, Cell("item_search_criteria"), Cell("item_search_value"), problems);
            var quantity = Number(Cell("quantity"), "quantity", _schema != "cr", problems);
            var amount = Number(Cell("amount"), "amount", _schema is "cr" or "pr", problems);
            var tier = Tier(Cell("tier"), problems);
            var start = Time(Cell("start_time_utc"), "start_time_utc", from, to, problems);
            var end = Time(Cell("end_time_utc"), "end_time_utc", from, to, problems);
            if (start is not null && end is not null && end < start)
            {
                problems.Add("end_time_utc is before start_time_utc");
            }

            var asset = FindAsset(Cell("asset_search_criteria"), Cell("asset_search_value"), problems);
            if (problems.Count > 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Row {row.Number}: {string.Join("; ", problems)}."));
                continue;
            }

            records.Add(new SandboxUsageRecord(row.Number, recordId!, Cell("record_note"), JsonPath.GetString(item, "id")!, JsonPath.GetString(item, "mpn")!, quantity, amount, start!.Value, end!.Value, asset!, tier));
        }

        return (records, errors);
    }

    /// <summary>The period as instants: from the first day's start to the end of the last day (exclusive).</summary>
    private (DateTimeOffset From, DateTimeOffset To) Period()
    {
        var from = DateOnly.ParseExact(JsonPath.GetString(file, "period.from")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(JsonPath.GetString(file, "period.to")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    private JsonObject? FindItem(List<JsonObject> items, string? criteria, string? value, List<string> problems)
    {
        var field = criteria switch
        {
            "item.mpn" => "mpn",
            "item.local_id" => "local_id",
            _ => null,
        };
        if (field is null)
        {
            problems.Add($"item_search_criteria \"{criteria}\" is not item.mpn or item.local_id");
            return null;
        }

        var item = value is null ? null : items.FirstOrDefault(i => JsonPath.GetString(i, field) == value);
        if (item is null)
        {
            problems.Add($"{criteria} \"{value}\" is not a pay-as-you-go item of product {_productId}");
        }

        return item;
    }

    private string? FindAsset(string? criteria, string? value, List<string> problems)
    {
        JsonObject? asset;
        if (criteria == "asset.id")
        {
            asset = value is null ? null : store.Assets.Get(value);
        }
        else if (criteria is not null && criteria.StartsWith("parameter.", StringComparison.Ordinal) && criteria.Length > "parameter.".Length)
        {
            asset = value is null ? null : AssetsByParameter(criteria["parameter.".Length..]).GetValueOrDefault(value);
        }
        else
        {
            problems.Add($"asset_search_criteria \"{criteria}\" is not asset.id or parameter.<parameter id>");
            return null;
        }

        if (asset is null)
        {
            problems.Add($"no asset found by {criteria} \"{value}\"");
            return null;
        }

        var id = JsonPath.GetString(asset, "id");
        if (JsonPath.GetString(asset, "product.id") != _productId)
        {
            problems.Add($"asset {id} belongs to product {JsonPath.GetString(asset, "product.id")}, not {_productId}");
        }
        else if (_contractId is not null && JsonPath.GetString(asset, "contract.id") is { } contract && contract != _contractId)
        {
            problems.Add($"asset {id} is under contract {contract}, not {_contractId}");
        }

        return id;
    }

    private Dictionary<string, JsonObject> AssetsByParameter(string parameterId)
    {
        if (!_byParameter.TryGetValue(parameterId, out var assets))
        {
            assets = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var asset in store.Assets.Items.Where(a => JsonPath.GetString(a, "product.id") == _productId))
            {
                if (ParameterRules.ValueOf(asset["params"] as JsonArray, parameterId) is { Length: > 0 } value)
                {
                    assets.TryAdd(value, asset);
                }
            }

            _byParameter[parameterId] = assets;
        }

        return assets;
    }

    private static decimal? Number(string? text, string column, bool required, List<string> problems)
    {
        if (text is null)
        {
            if (required)
            {
                problems.Add($"{column} is empty");
            }

            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add($"{column} \"{text}\" is not a number");
            return null;
        }

        if (value < 0)
        {
            problems.Add($"{column} {text} is negative");
            return null;
        }

        return value;
    }

    private int? Tier(string? text, List<string> problems)
    {
        if (text is null)
        {
            if (_schema == "tr")
            {
                problems.Add("tier is empty");
            }

            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var tier) || tier < 1)
        {
            problems.Add($"tier \"{text}\" is not a whole number of 1 or more");
            return null;
        }

        return tier;
    }

    private static DateTimeOffset? Time(string? text, string column, DateTimeOffset from, DateTimeOffset to, List<string> problems)
    {
        if (text is null)
        {
            problems.Add($"{column} is empty");
            return null;
        }

        DateTimeOffset time;
        if (DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = new DateTimeOffset(parsed, TimeSpan.Zero);
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
        {
            // A date cell: Excel stores it as days since 1899-12-30.
            time = new DateTimeOffset(DateTime.FromOADate(serial), TimeSpan.Zero);
        }
        else
        {
            problems.Add($"{column} \"{text}\" is not a date and time in the form YYYY-MM-DD HH:MM:SS");
            return null;
        }

        if (time < from || time >= to)
        {
            problems.Add($"{column} {text} is outside the period {from:yyyy-MM-dd} to {to.AddDays(-1):yyyy-MM-dd}");
            return null;
        }

        return time;
    }
}
