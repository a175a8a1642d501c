using System.Globalization;
using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal.Sandbox;

namespace Connect.Fulfillment.Testing.Internal.Usage;

/// <summary>
/// The usage file state machine. Vendor actions: create (draft), upload (draft → ready or invalid, through processing),
/// submit (ready → pending), delete (draft, ready or invalid → deleted), reprocess (invalid → ready or invalid). Provider
/// actions, for tests only: accept and reject (pending), close (accepted). Every method runs under the store lock.
/// </summary>
internal sealed class UsageFileTransitions(SandboxStore store)
{
    /// <summary>The sandbox's own code for an action in the wrong status (Connect's is not documented).</summary>
    public const string WrongStateCode = "USG_001";

    private static readonly string[] Deletable = ["draft", "ready", "invalid"];

    public ApiResult Create(JsonObject? body)
    {
        var errors = new List<string>();
        var name = Text(body, "name", errors, required: true, maxLength: 100);
        Text(body, "description", errors, required: false, maxLength: 200);
        Text(body, "currency", errors, required: false, maxLength: 20);
        Text(body, "external_id", errors, required: false, maxLength: 255);
        var from = Day(body, "from", errors);
        var to = Day(body, "to", errors);
        if (from is not null && to is not null && to < from)
        {
            errors.Add("period: to must not be before from.");
        }

        var contractId = Text(body?["contract"] as JsonObject, "id", errors, required: true, maxLength: 100, label: "contract.id");
        var productId = Text(body?["product"] as JsonObject, "id", errors, required: true, maxLength: 100, label: "product.id");
        JsonObject? product = null;
        string? schema = null;
        if (productId is not null)
        {
            product = store.Products.GetValueOrDefault(productId);
            schema = UsageSchemas.SchemaOf(product);
            if (product is null)
            {
                errors.Add($"product: Product {productId} not found.");
            }
            else if (schema is null)
            {
                errors.Add($"product: Product {productId} has no pay-as-you-go capability.");
            }
        }

        if (errors.Count > 0 || name is null)
        {
            return ApiResult.Json(400, new JsonObject { ["error_code"] = "VAL_001", ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e).ToArray()) });
        }

        var asset = store.Assets.Items.FirstOrDefault(a => JsonPath.GetString(a, "product.id") == productId && JsonPath.GetString(a, "contract.id") == contractId);
        var id = store.NextUsageFileId();
        var file = UsageFileJson.Detail(id, body!, product!, schema!, asset, store.Now());
        store.UsageFiles.Put(id, file);
        store.UsageFileStates[id] = new UsageFileState();
        return ApiResult.Json(201, UsageFileJson.CreateAnswer(file));
    }

    /// <summary>A read: spends one processing read of a file whose result is held back, then shows it.</summary>
    public ApiResult Read(JsonObject file)
    {
        var state = StateOf(file);
        if (state.PendingStatus is { } result)
        {
            if (state.ReadsLeft > 0)
            {
                state.ReadsLeft--;
            }
            else
            {
                state.PendingStatus = null;
                SetStatus(file, result);
            }
        }

        return ApiResult.Json(200, file);
    }

    /// <summary>Takes an upload whose workbook was read (outside the store lock) by <see cref="UsageWorkbookReader.Read"/>.</summary>
    public ApiResult Upload(JsonObject file, byte[]? workbook, (UsageSheet? Sheet, string? Problem) read, string? formProblem)
    {
        if (Status(file) != "draft")
        {
            return WrongState(file, "upload a workbook to", "draft");
        }

        if (formProblem is not null || workbook is null)
        {
            return ApiResult.Error(400, "VAL_001", formProblem ?? "usage_file: No file was submitted.");
        }

        StateOf(file).Workbook = workbook;
        file["events"]!["uploaded"] = UsageFileJson.Event(store.Now());
        file["usage_file_uri"] = $"/files/{JsonPath.GetString(file, "id")}/usage_file.xlsx";
        Process(file, read);
        return ApiResult.Json(200, file);
    }

    public ApiResult Reprocess(JsonObject file)
    {
        if (Status(file) != "invalid")
        {
            return WrongState(file, "reprocess", "invalid");
        }

        Process(file, UsageWorkbookReader.Read(StateOf(file).Workbook ?? []));
        return ApiResult.Json(200, file);
    }

    public ApiResult Submit(JsonObject file)
    {
        if (Status(file) != "ready")
        {
            return WrongState(file, "submit", "ready");
        }

        SetStatus(file, "pending");
        file["stats"]!["pending"] = file["records"]!["valid"]!.DeepClone();
        file["events"]!["submitted"] = UsageFileJson.Event(store.Now());
        return ApiResult.Json(200, file);
    }

    public ApiResult Delete(JsonObject file)
    {
        if (!Deletable.Contains(Status(file)))
        {
            return WrongState(file, "delete", "draft, ready or invalid");
        }

        StateOf(file).PendingStatus = null;
        SetStatus(file, "deleted");
        file["events"]!["deleted"] = UsageFileJson.Event(store.Now());
        return ApiResult.Json(200, file);
    }

    public string? Accept(JsonObject file, string? note) => Provider(file, "pending", "accepted", f =>
    {
        f["acceptance_note"] = note ?? string.Empty;
        f["stats"]!["pending"] = 0;
        f["stats"]!["accepted"] = f["records"]!["valid"]!.DeepClone();
    });

    public string? Reject(JsonObject file, string reason) => Provider(file, "pending", "rejected", f =>
    {
        f["rejection_note"] = reason;
        f["stats"]!["pending"] = 0;
    });

    public string? Close(JsonObject file) => Provider(file, "accepted", "closed", f =>
    {
        f["stats"]!["closed"] = f["records"]!["valid"]!.DeepClone();
        f["records"]!["closed"] = f["records"]!["valid"]!.DeepClone();
    });

    public void SetStatus(JsonObject file, string status) => file["status"] = status;

    private static string Status(JsonObject file) => JsonPath.GetString(file, "status") ?? string.Empty;

    private static ApiResult WrongState(JsonObject file, string action, string allowed) => ApiResult.Error(
        400, WrongStateCode, $"Cannot {action} usage file {JsonPath.GetString(file, "id")} in status {Status(file)}; it must be {allowed}.");

    private string? Provider(JsonObject file, string from, string to, Action<JsonObject> change)
    {
        if (Status(file) != from)
        {
            return $"Usage file {JsonPath.GetString(file, "id")} is {Status(file)}; it must be {from} to become {to}.";
        }

        SetStatus(file, to);
        change(file);
        file["events"]![to] = UsageFileJson.Event(store.Now());
        return null;
    }

    private UsageFileState StateOf(JsonObject file)
    {
        var id = JsonPath.GetString(file, "id")!;
        if (!store.UsageFileStates.TryGetValue(id, out var state))
        {
            state = new UsageFileState();
            store.UsageFileStates[id] = state;
        }

        return state;
    }

    /// <summary>Checks a read workbook; the result shows at once or after the configured processing reads.</summary>
    private void Process(JsonObject file, (UsageSheet? Sheet, string? Problem) read)
    {
        var state = StateOf(file);
        var (sheet, problem) = read;
        var (records, errors) = sheet is null ? (new List<SandboxUsageRecord>(), new List<string> { problem! }) : new UsageRecordChecker(store, file).Check(sheet);
        var rows = sheet?.Rows.Count ?? 0;
        state.Records = records;
        state.Errors = errors;
        UsageFileJson.SetCounts(file, rows, records.Count, rows - records.Count);
        file["error_detail"] = UsageFileJson.ErrorDetail(errors, rows);
        var result = errors.Count == 0 ? "ready" : "invalid";
        if (store.UsageProcessingReads > 0)
        {
            state.PendingStatus = result;
            state.ReadsLeft = store.UsageProcessingReads;
            SetStatus(file, "processing");
        }
        else
        {
            state.PendingStatus = null;
            SetStatus(file, result);
        }
    }

    private static string? Text(JsonObject? body, string field, List<string> errors, bool required, int maxLength, string? label = null)
    {
        label ??= field;
        var node = body?[field];
        if (node is null)
        {
            if (required)
            {
                errors.Add($"{label}: This field is required.");
            }

            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var text) || (required && string.IsNullOrWhiteSpace(text)))
        {
            errors.Add($"{label}: Not a valid string.");
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: Ensure this field has no more than {maxLength} characters."));
            return null;
        }

        return text;
    }

    private static DateOnly? Day(JsonObject? body, string field, List<string> errors)
    {
        var text = JsonPath.GetString(body?["period"], field);
        if (text is null)
        {
            errors.Add($"period.{field}: This field is required.");
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add($"period.{field}: Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
            return null;
        }

        return day;
    }
}
