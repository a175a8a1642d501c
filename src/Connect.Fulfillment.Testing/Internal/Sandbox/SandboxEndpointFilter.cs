using Connect.Fulfillment.Testing.Internal.Rql;
using Microsoft.AspNetCore.Http;

namespace Connect.Fulfillment.Testing.Internal.Sandbox;

/// <summary>Runs around every sandbox route: turns RQL errors into Connect's 400 and applies lose-the-response faults.</summary>
internal sealed class SandboxEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (RqlException ex)
        {
            result = ApiResult.Error(400, "RQL_001", ex.Message);
        }

        return result is ApiResult api ? SandboxCall.Of(http).Answer(http, api, routed: true) : result;
    }
}
