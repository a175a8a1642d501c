using System.Text.Json;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Query;

namespace Connect.Fulfillment.Conformance.Tests;

/// <summary>One way of calling one <see cref="IConnectClient"/> member, as a processor would.</summary>
/// <param name="Name">The case name.</param>
/// <param name="Member">The <see cref="IConnectClient"/> method it calls.</param>
/// <param name="Call">The call.</param>
public sealed record Operation(string Name, string Member, Func<IConnectClient, Task> Call)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Every public client operation, with the argument shapes processors use.</summary>
public static class Operations
{
    private const string Request = "PR-1234-5678-9012-001";
    private const string Tcr = "TCR-123-456-789-001";

    public static IEnumerable<Operation> All()
    {
        var query = RequestQuery.Pending(["PRD-123-456-789"], [ConnectionType.Preview, ConnectionType.Test]) with { Filter = RqlFilter.ILike("asset.params.value", "*two words*") };
        var tcrQuery = TierConfigRequestQuery.Pending(["PRD-123-456-789"]);

        yield return new("ListRequests", nameof(IConnectClient.ListRequestsAsync), async c => await c.ListRequestsAsync(query).ToListAsync());
        yield return new("GetRequestsPage", nameof(IConnectClient.GetRequestsPageAsync), async c => AllRead(await c.GetRequestsPageAsync(query, 100, 50)));
        yield return new("CountRequests", nameof(IConnectClient.CountRequestsAsync), c => c.CountRequestsAsync(query));
        yield return new("GetRequest", nameof(IConnectClient.GetRequestAsync), c => c.GetRequestAsync(Request));
        yield return new("UpdateRequestParameters", nameof(IConnectClient.UpdateRequestParametersAsync), c => c.UpdateRequestParametersAsync(
            Request, [ParameterUpdate.WithValue("subscription_id", "SUB-1"), ParameterUpdate.WithError("email", "Please enter a valid email")]));
        yield return new("UpdateRequestParameters with note", nameof(IConnectClient.UpdateRequestParametersAsync), c => c.UpdateRequestParametersAsync(
            Request, [ParameterUpdate.WithValue("subscription_id", "SUB-1")], note: "provisioned"));
        yield return new("UpdateRequestParameters checkbox", nameof(IConnectClient.UpdateRequestParametersAsync), c => c.UpdateRequestParametersAsync(
            Request, [new ParameterUpdate("CATEGORIES") { StructuredValue = JsonDocument.Parse("""{"1":true,"4":false}""").RootElement.Clone() }]));
        yield return new("ApproveRequest template", nameof(IConnectClient.ApproveRequestAsync), c => c.ApproveRequestAsync(
            Request, ApproveRequest.WithTemplate("TL-123-456-789") with { EffectiveDate = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero) }));
        yield return new("ApproveRequest tile", nameof(IConnectClient.ApproveRequestAsync), c => c.ApproveRequestAsync(Request, ApproveRequest.WithTile("# Welcome")));
        yield return new("FailRequest", nameof(IConnectClient.FailRequestAsync), c => c.FailRequestAsync(Request, "Unknown customer"));
        yield return new("InquireRequest template", nameof(IConnectClient.InquireRequestAsync), c => c.InquireRequestAsync(Request, "TL-123-456-780"));
        yield return new("InquireRequest", nameof(IConnectClient.InquireRequestAsync), c => c.InquireRequestAsync(Request));
        yield return new("PendRequest", nameof(IConnectClient.PendRequestAsync), c => c.PendRequestAsync(Request));
        yield return new("ScheduleRequest", nameof(IConnectClient.ScheduleRequestAsync), c => c.ScheduleRequestAsync(Request, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        yield return new("AssignRequest id", nameof(IConnectClient.AssignRequestAsync), c => c.AssignRequestAsync(Request, AssignTo.User("UR-123-456-789")));
        yield return new("AssignRequest email", nameof(IConnectClient.AssignRequestAsync), c => c.AssignRequestAsync(Request, AssignTo.UserWithEmail("ops@example.com")));
        yield return new("UnassignRequest", nameof(IConnectClient.UnassignRequestAsync), c => c.UnassignRequestAsync(Request));

        yield return new("ListTierConfigRequests", nameof(IConnectClient.ListTierConfigRequestsAsync), async c => await c.ListTierConfigRequestsAsync(tcrQuery).ToListAsync());
        yield return new("GetTierConfigRequestsPage", nameof(IConnectClient.GetTierConfigRequestsPageAsync), async c => AllRead(await c.GetTierConfigRequestsPageAsync(tcrQuery, 0)));
        yield return new("CountTierConfigRequests", nameof(IConnectClient.CountTierConfigRequestsAsync), c => c.CountTierConfigRequestsAsync(tcrQuery));
        yield return new("GetTierConfigRequest", nameof(IConnectClient.GetTierConfigRequestAsync), c => c.GetTierConfigRequestAsync(Tcr));
        yield return new("UpdateTierConfigRequestParameters", nameof(IConnectClient.UpdateTierConfigRequestParametersAsync), c => c.UpdateTierConfigRequestParametersAsync(
            Tcr, [ParameterUpdate.WithValue("TIER1_MPN", "000001")], note: "checked"));
        yield return new("ApproveTierConfigRequest", nameof(IConnectClient.ApproveTierConfigRequestAsync), c => c.ApproveTierConfigRequestAsync(Tcr, "TL-123-456-781"));
        yield return new("FailTierConfigRequest", nameof(IConnectClient.FailTierConfigRequestAsync), c => c.FailTierConfigRequestAsync(Tcr, "Reseller unknown"));
        yield return new("InquireTierConfigRequest", nameof(IConnectClient.InquireTierConfigRequestAsync), c => c.InquireTierConfigRequestAsync(Tcr));
        yield return new("PendTierConfigRequest", nameof(IConnectClient.PendTierConfigRequestAsync), c => c.PendTierConfigRequestAsync(Tcr));
        yield return new("AssignTierConfigRequest id", nameof(IConnectClient.AssignTierConfigRequestAsync), c => c.AssignTierConfigRequestAsync(Tcr, AssignTo.User("UR-123-456-789")));
        yield return new("AssignTierConfigRequest email", nameof(IConnectClient.AssignTierConfigRequestAsync), c => c.AssignTierConfigRequestAsync(Tcr, AssignTo.UserWithEmail("ops@example.com")));
        yield return new("UnassignTierConfigRequest", nameof(IConnectClient.UnassignTierConfigRequestAsync), c => c.UnassignTierConfigRequestAsync(Tcr));

        yield return new("ListProductTemplates", nameof(IConnectClient.ListProductTemplatesAsync), async c => await c.ListProductTemplatesAsync(
            "PRD-123-456-789", new TemplateQuery { Name = "Default Activation Template", Scope = TemplateScope.Asset }).ToListAsync());
        yield return new("FindConversation", nameof(IConnectClient.FindConversationAsync), c => c.FindConversationAsync(Request));
        yield return new("AddConversationMessage", nameof(IConnectClient.AddConversationMessageAsync), c => c.AddConversationMessageAsync("CO-123-456-789", "Subscription created."));
        yield return new("GetAsset", nameof(IConnectClient.GetAssetAsync), c => c.GetAssetAsync("AS-1234-5678-9012"));

        const string UsageFile = "UF-2026-11-1234-5678";
        var assetQuery = AssetQuery.ForProduct("PRD-123-456-789", [ConnectionType.Production], [AssetStatus.Active, AssetStatus.Suspended]);
        var usageQuery = new UsageFileQuery { ProductIds = ["PRD-123-456-789"], ExternalIds = ["usage-PRD-123-456-789-CRD-1-2026-11"] };
        yield return new("ListAssets", nameof(IConnectClient.ListAssetsAsync), async c => await c.ListAssetsAsync(assetQuery).ToListAsync());
        yield return new("GetAssetsPage", nameof(IConnectClient.GetAssetsPageAsync), async c => AllRead(await c.GetAssetsPageAsync(assetQuery, 0, 10)));
        yield return new("GetProduct", nameof(IConnectClient.GetProductAsync), c => c.GetProductAsync("PRD-123-456-789"));
        yield return new("ListUsageFiles", nameof(IConnectClient.ListUsageFilesAsync), async c => await c.ListUsageFilesAsync(usageQuery).ToListAsync());
        yield return new("GetUsageFilesPage", nameof(IConnectClient.GetUsageFilesPageAsync), async c => AllRead(await c.GetUsageFilesPageAsync(usageQuery, 0, 10)));
        yield return new("GetUsageFile", nameof(IConnectClient.GetUsageFileAsync), c => c.GetUsageFileAsync(UsageFile));
        yield return new("CreateUsageFile", nameof(IConnectClient.CreateUsageFileAsync), c => c.CreateUsageFileAsync(new NewUsageFile
        {
            Name = "Usage 2026-11",
            ProductId = "PRD-123-456-789",
            ContractId = "CRD-00000-00000-00001",
            PeriodFrom = new DateOnly(2026, 11, 1),
            PeriodTo = new DateOnly(2026, 11, 30),
            Currency = "USD",
            ExternalId = "usage-PRD-123-456-789-CRD-1-2026-11",
        }));
        yield return new("UploadUsageFile", nameof(IConnectClient.UploadUsageFileAsync), async c =>
        {
            using var workbook = new MemoryStream([0x50, 0x4B, 0x03, 0x04]);
            await c.UploadUsageFileAsync(UsageFile, workbook);
        });
        yield return new("SubmitUsageFile", nameof(IConnectClient.SubmitUsageFileAsync), c => c.SubmitUsageFileAsync(UsageFile));
        yield return new("DeleteUsageFile", nameof(IConnectClient.DeleteUsageFileAsync), c => c.DeleteUsageFileAsync(UsageFile));
        yield return new("ReprocessUsageFile", nameof(IConnectClient.ReprocessUsageFileAsync), c => c.ReprocessUsageFileAsync(UsageFile));
    }

    /// <summary>A page whose items could not all be read is a failure here: the models must read what the spec allows.</summary>
    private static void AllRead<T>(ConnectPage<T> page)
    {
        if (page.UnreadableItems.Count > 0)
        {
            throw new InvalidOperationException("Items the spec allows could not be read: " + string.Join("; ", page.UnreadableItems.Select(u => u.Error)));
        }
    }
}
