namespace Connect.Fulfillment.AspNetCore.Internal;

/// <summary>
/// The validators registered per kind, as factories run in the DI scope of each call; filled through the options
/// system so that every <c>Add…Validator</c> call adds to the same registry.
/// </summary>
internal sealed class ValidatorRegistry
{
    private readonly Dictionary<ConnectValidationKind, List<Func<IServiceProvider, IFulfillmentRequestValidator>>> fulfillment = [];
    private readonly Dictionary<ConnectValidationKind, List<Func<IServiceProvider, ITierConfigRequestValidator>>> tierConfiguration = [];

    public void Add(ConnectValidationKind kind, Func<IServiceProvider, IFulfillmentRequestValidator> factory) => Add(fulfillment, kind, factory);

    public void Add(ConnectValidationKind kind, Func<IServiceProvider, ITierConfigRequestValidator> factory) => Add(tierConfiguration, kind, factory);

    public IReadOnlyList<Func<IServiceProvider, IFulfillmentRequestValidator>> FulfillmentValidators(ConnectValidationKind kind)
        => fulfillment.TryGetValue(kind, out var list) ? list : [];

    public IReadOnlyList<Func<IServiceProvider, ITierConfigRequestValidator>> TierConfigValidators(ConnectValidationKind kind)
        => tierConfiguration.TryGetValue(kind, out var list) ? list : [];

    private static void Add<T>(Dictionary<ConnectValidationKind, List<T>> table, ConnectValidationKind kind, T factory)
    {
        if (!table.TryGetValue(kind, out var list))
        {
            table[kind] = list = [];
        }

        list.Add(factory);
    }
}
