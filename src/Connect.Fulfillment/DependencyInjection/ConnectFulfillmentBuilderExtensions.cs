using System.Diagnostics.CodeAnalysis;
using Connect.Fulfillment;
using Connect.Fulfillment.Coordination;
using Connect.Fulfillment.DependencyInjection;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the fulfillment pipeline, request handlers and vendor adapters of a Connect account.</summary>
public static class ConnectFulfillmentBuilderExtensions
{
    /// <summary>
    /// Registers the <see cref="FulfillmentPipeline"/> of this account (a keyed singleton under the account name, and
    /// the unkeyed one for the default account), with options validated at start-up. Requests are claimed through the
    /// registered <see cref="IRequestLeaseProvider"/>, an <see cref="InProcessRequestLeaseProvider"/> unless another is added.
    /// </summary>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configure">Sets the options (products, environments, concurrency, …).</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddFulfillmentPipeline(this ConnectFulfillmentBuilder builder, Action<FulfillmentPipelineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var name = builder.Name;
        var services = builder.Services;
        services.AddOptions<FulfillmentPipelineOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FulfillmentPipelineOptions>, FulfillmentPipelineOptionsValidator>());

        // The in-process default, shared by the container's pipelines; a provider registered before or after (such as
        // AddPostgreSqlCoordination) is the one resolved.
        services.TryAddSingleton<IRequestLeaseProvider, InProcessRequestLeaseProvider>();
        services.AddOptions<FulfillmentHandlers>(name);
        services.AddKeyedSingleton(name, (provider, _) => new FulfillmentPipeline(
            provider.GetRequiredKeyedService<IConnectClient>(name),
            provider.GetRequiredService<IOptionsMonitor<FulfillmentPipelineOptions>>().Get(name),
            provider.GetRequiredService<IOptionsMonitor<FulfillmentHandlers>>().Get(name),
            provider,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<IRequestLeaseProvider>()));
        if (name.Length == 0)
        {
            services.TryAddSingleton(provider => provider.GetRequiredKeyedService<FulfillmentPipeline>(name));
        }

        return builder;
    }

    /// <summary>Routes a request type (and optionally statuses) to a handler created from DI for every request.</summary>
    /// <typeparam name="THandler">The handler type; registered as transient unless already registered.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="type">The request type.</param>
    /// <param name="statuses">The statuses handled; pending when none are given.</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddRequestHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this ConnectFulfillmentBuilder builder, RequestType type, params RequestStatus[] statuses)
        where THandler : class, IFulfillmentRequestHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddTransient<THandler>();
        return builder.Route(handlers => handlers.Add(type, provider => provider.GetRequiredService<THandler>(), statuses));
    }

    /// <summary>Routes a tier configuration request type to a handler created from DI for every request.</summary>
    /// <typeparam name="THandler">The handler type; registered as transient unless already registered.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="type">The tier configuration request type.</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddTierConfigRequestHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this ConnectFulfillmentBuilder builder, TierConfigRequestType type)
        where THandler : class, ITierConfigRequestHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddTransient<THandler>();
        return builder.Route(handlers => handlers.AddTierConfig(type, provider => provider.GetRequiredService<THandler>()));
    }

    /// <summary>
    /// Routes a request type (and optionally statuses) to a delegate, for handlers small enough not to need a class:
    /// <c>builder.AddRequestHandler(RequestType.Cancel, (FulfillmentRequestContext context, CancellationToken ct) => …)</c>.
    /// </summary>
    /// <param name="builder">The account's builder.</param>
    /// <param name="type">The request type.</param>
    /// <param name="handler">Decides from the context; shared by concurrent requests, so it must be thread-safe. Scoped services are in <see cref="ProcessingContext.Services"/>.</param>
    /// <param name="statuses">The statuses handled; pending when none are given.</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddRequestHandler(this ConnectFulfillmentBuilder builder, RequestType type, Func<FulfillmentRequestContext, CancellationToken, Task<RequestOutcome>> handler, params RequestStatus[] statuses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        return builder.Route(handlers => handlers.Add(type, handler, statuses));
    }

    /// <summary>Routes a tier configuration request type to a delegate.</summary>
    /// <param name="builder">The account's builder.</param>
    /// <param name="type">The tier configuration request type.</param>
    /// <param name="handler">Decides from the context; shared by concurrent requests, so it must be thread-safe.</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddTierConfigRequestHandler(this ConnectFulfillmentBuilder builder, TierConfigRequestType type, Func<TierConfigRequestContext, CancellationToken, Task<RequestOutcome>> handler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        return builder.Route(handlers => handlers.AddTierConfig(type, handler));
    }

    /// <summary>Handles cancel requests with the built-in handler and this adapter (see <see cref="IVendorCancelAdapter"/>).</summary>
    /// <typeparam name="TAdapter">The adapter; registered as transient unless already registered.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configure">Optional handler settings (the subscription id parameter).</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddVendorCancelAdapter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAdapter>(this ConnectFulfillmentBuilder builder, Action<VendorHandlerOptions>? configure = null)
        where TAdapter : class, IVendorCancelAdapter
        => builder.AddSubscriptionAdapter<TAdapter>(RequestType.Cancel, "cancel", adapter => adapter.CancelAsync, configure);

    /// <summary>Handles change requests with the built-in handler and this adapter (see <see cref="IVendorChangeAdapter"/>).</summary>
    /// <typeparam name="TAdapter">The adapter; registered as transient unless already registered.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configure">Optional handler settings.</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddVendorChangeAdapter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAdapter>(this ConnectFulfillmentBuilder builder, Action<VendorHandlerOptions>? configure = null)
        where TAdapter : class, IVendorChangeAdapter
        => builder.AddSubscriptionAdapter<TAdapter>(RequestType.Change, "change", adapter => adapter.ChangeAsync, configure);

    /// <summary>Handles suspend requests with the built-in handler and this adapter (see <see cref="IVendorSuspendAdapter"/>).</summary>
    /// <typeparam name="TAdapter">The adapter; registered as transient unless already registered.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configure">Optional handler settings.</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddVendorSuspendAdapter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAdapter>(this ConnectFulfillmentBuilder builder, Action<VendorHandlerOptions>? configure = null)
        where TAdapter : class, IVendorSuspendAdapter
        => builder.AddSubscriptionAdapter<TAdapter>(RequestType.Suspend, "suspend", adapter => adapter.SuspendAsync, configure);

    /// <summary>Handles resume requests with the built-in handler and this adapter (see <see cref="IVendorResumeAdapter"/>).</summary>
    /// <typeparam name="TAdapter">The adapter; registered as transient unless already registered.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configure">Optional handler settings.</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddVendorResumeAdapter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAdapter>(this ConnectFulfillmentBuilder builder, Action<VendorHandlerOptions>? configure = null)
        where TAdapter : class, IVendorResumeAdapter
        => builder.AddSubscriptionAdapter<TAdapter>(RequestType.Resume, "resume", adapter => adapter.ResumeAsync, configure);

    /// <summary>Handles purchase requests with the built-in handler and this adapter (see <see cref="IVendorPurchaseAdapter"/>).</summary>
    /// <typeparam name="TAdapter">The adapter; registered as transient unless already registered.</typeparam>
    /// <param name="builder">The account's builder.</param>
    /// <param name="configure">Optional handler settings (the parameter that stores the created subscription id).</param>
    /// <returns>The builder.</returns>
    public static ConnectFulfillmentBuilder AddVendorPurchaseAdapter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAdapter>(this ConnectFulfillmentBuilder builder, Action<VendorHandlerOptions>? configure = null)
        where TAdapter : class, IVendorPurchaseAdapter
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = HandlerOptions(configure);
        builder.Services.TryAddTransient<TAdapter>();
        return builder.Route(handlers => handlers.Add(RequestType.Purchase, provider => new VendorPurchaseHandler(provider.GetRequiredService<TAdapter>(), options)));
    }

    private static ConnectFulfillmentBuilder AddSubscriptionAdapter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAdapter>(
        this ConnectFulfillmentBuilder builder,
        RequestType type,
        string action,
        Func<TAdapter, Func<VendorSubscriptionContext, CancellationToken, Task<VendorResult>>> operation,
        Action<VendorHandlerOptions>? configure)
        where TAdapter : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = HandlerOptions(configure);
        builder.Services.TryAddTransient<TAdapter>();
        return builder.Route(handlers => handlers.Add(type, provider => new VendorSubscriptionHandler(action, operation(provider.GetRequiredService<TAdapter>()), options)));
    }

    private static VendorHandlerOptions HandlerOptions(Action<VendorHandlerOptions>? configure)
    {
        var options = new VendorHandlerOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SubscriptionIdParameter, nameof(configure));
        return options;
    }

    private static ConnectFulfillmentBuilder Route(this ConnectFulfillmentBuilder builder, Action<FulfillmentHandlers> route)
    {
        builder.Services.AddOptions<FulfillmentHandlers>(builder.Name).Configure(route);
        return builder;
    }
}
