using Connect.Fulfillment.DependencyInjection;
using Connect.Fulfillment.Pipeline;
using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment.DependencyInjection.Internal;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registrations whose options come from <see cref="IConfiguration"/>, so hosts need no parsing of their own.</summary>
public static class ConnectFulfillmentConfigurationExtensions
{
    /// <summary>
    /// Adds the fulfillment pipeline with options bound from a configuration section, for example
    /// <c>.AddFulfillmentPipeline(configuration.GetSection("Pipeline"))</c> with <c>Products:0</c>, <c>Environments:0</c>,
    /// <c>MaxConcurrency</c>, <c>HandlerTimeout</c> (<c>00:05:00</c>) and the other <see cref="FulfillmentPipelineOptions"/> keys.
    /// The options are validated at start-up, as with the delegate overload.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The section holding the <see cref="FulfillmentPipelineOptions"/> keys.</param>
    /// <returns>The builder.</returns>
    [RequiresUnreferencedCode(ConfigurationBinding.TrimmingMessage)]
    [RequiresDynamicCode(ConfigurationBinding.AotMessage)]
    public static ConnectFulfillmentBuilder AddFulfillmentPipeline(this ConnectFulfillmentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<FulfillmentPipelineOptions>(builder.Name).Bind(configuration);
        return builder.AddFulfillmentPipeline(static _ => { });
    }
}
