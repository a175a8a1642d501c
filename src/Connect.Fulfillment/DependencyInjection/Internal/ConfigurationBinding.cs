namespace Connect.Fulfillment.DependencyInjection.Internal;

/// <summary>
/// Why the <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> overloads are not trim- or AOT-safe: they bind
/// with <c>ConfigurationBinder</c>, which reads the options by reflection (the binding source generator of the 8.0
/// packages does not run on current compilers). Trimmed or native AOT hosts use the delegate overloads.
/// </summary>
internal static class ConfigurationBinding
{
    public const string TrimmingMessage = "Binding options from IConfiguration reads their properties by reflection; a trimmed app should use the overload that takes an Action<TOptions>.";

    public const string AotMessage = "Binding options from IConfiguration may need dynamic code; a native AOT app should use the overload that takes an Action<TOptions>.";
}
