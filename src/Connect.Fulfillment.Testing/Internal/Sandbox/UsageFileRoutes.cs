using Connect.Fulfillment.Testing.Internal.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>
/// Usage files, the vendor's side: <c>/usage/files</c> (list, create), <c>/usage/files/{id}</c> and its
/// <c>upload</c>, <c>submit</c>, <c>delete</c> and <c>reprocess</c> actions; plus <c>/products/{id}/items</c>.
/// </summary>
internal static class UsageFileRoutes
{
    private const string Noun = "Usage file";

    public static void Map(IEndpointRouteBuilder api, SandboxStore store)
    {
        var transitions = new UsageFileTransitions(store);
        var files = api.MapGroup("/usage/files");
        files.MapGet(string.Empty, (HttpContext http) => store.List(store.UsageFiles.Items, http.Request.QueryString.Value));
        files.MapPost(string.Empty, (HttpContext http) => store.Read(_ => transitions.Create(SandboxCall.Of(http).Body)));
        files.MapGet("/{id}", (string id) => store.With(store.UsageFiles, id, Noun, transitions.Read));
        files.MapPost("/{id}/upload", async (string id, HttpContext http) =>
        {
            var (workbook, problem) = await ReadUploadAsync(http);

            // Parsed before taking the store lock: a large workbook does not hold up other calls.
            var read = workbook is null ? default : UsageWorkbookReader.Read(workbook);
            return store.With(store.UsageFiles, id, Noun, f => transitions.Upload(f, workbook, read, problem));
        });
        files.MapPost("/{id}/submit", (string id) => store.With(store.UsageFiles, id, Noun, transitions.Submit));
        files.MapPost("/{id}/delete", (string id) => store.With(store.UsageFiles, id, Noun, transitions.Delete));
        files.MapPost("/{id}/reprocess", (string id) => store.With(store.UsageFiles, id, Noun, transitions.Reprocess));

        api.MapGet("/products/{productId}/items", (string productId, HttpContext http) => store.Read(s =>
            s.Products.ContainsKey(productId)
                ? ListPage.Create(s.ProductItems.GetValueOrDefault(productId) ?? [], http.Request.QueryString.Value, s.MaxPageSize)
                : ApiResult.NotFound($"Product {productId} not found.")));
    }

    /// <summary>The bytes of the multipart field <c>usage_file</c>, or the field error Connect would answer.</summary>
    private static async Task<(byte[]? Workbook, string? Problem)> ReadUploadAsync(HttpContext http)
    {
        var token = SandboxCall.Of(http).CancellationToken;
        if (!http.Request.HasFormContentType || !(http.Request.ContentType ?? string.Empty).StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "usage_file: The submitted data was not a file. Check the encoding type on the form.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(token);
        }
        catch (InvalidDataException)
        {
            return (null, "usage_file: The submitted data was not a file. Check the encoding type on the form.");
        }

        if (form.Files.GetFile("usage_file") is not { } file)
        {
            return (null, "usage_file: No file was submitted.");
        }

        if (file.Length == 0)
        {
            return (null, "usage_file: The submitted file is empty.");
        }

        using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await file.CopyToAsync(buffer, token);
        return (buffer.ToArray(), null);
    }
}
