using Connect.Fulfillment.AspNetCore;
using Connect.Fulfillment.Pipeline;
using Connect.Fulfillment.Samples;
using Connect.Fulfillment.Samples.Web;
using Microsoft.Extensions.Options;

// The webhook host: Connect calls /connect/validation with draft purchases (customer_domain must be a DNS name) and
// /connect/events when a request is pending, which the pipeline then processes with the processor sample's vendor
// adapters. Configuration: appsettings.json < environment variables < command line; Webhook:JwtSecret, the Connect:*,
// Vendor:* and Fulfillment:* keys of the processor sample, --urls for the address. Without Connect:Endpoint it runs
// the embedded sandbox demo (WebDemo) and keeps serving. Invalid configuration: one line on stderr, exit code 2.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (await SampleStartup.ReportAsync(SampleStartup.CheckBeforeBuild(builder.Configuration)))
{
    return SampleStartup.ExitInvalidConfiguration;
}

// Log entries go to stderr, one line each, without stack traces; stdout has the demo's story.
builder.Logging.AddCompactConsole();
await using var demo = await DemoEnvironment.StartIfUnconfiguredAsync(builder.Configuration);
builder.Services.AddSampleProcessor(builder.Configuration, demo);
if (demo is not null)
{
    // After AddSampleProcessor: the demo's product joins the products the sandbox settings point at.
    WebDemo.Configure(builder.Configuration, builder.Services);
}

// Registered before the library's checks, so that a missing secret is reported naming Webhook:JwtSecret.
builder.Services.AddSingleton<IValidateOptions<ConnectWebhookOptions>, WebhookSettingsCheck>();
builder.Services.AddConnectWebhooks(builder.Configuration.GetSection(WebhookSettingsCheck.Section))
    .AddFulfillmentValidator<CustomerDomainValidator>(ConnectValidationKind.DraftPurchase);

// Leave the pipeline its grace period to apply decided outcomes of notified requests when the host stops.
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = new FulfillmentPipelineOptions().ShutdownGracePeriod + TimeSpan.FromSeconds(5));

var app = builder.Build();
await using var disposeApp = app;
if (await SampleStartup.ReportAsync(WebhookSettingsCheck.Reword(SampleStartup.CheckAtStart(app.Services))))
{
    return SampleStartup.ExitInvalidConfiguration;
}

app.MapConnectValidation("/connect/validation");
app.MapConnectEvents("/connect/events");

try
{
    await app.StartAsync();
}
catch (IOException ex)
{
    // Typically the address of --urls is taken; Kestrel's message names it.
    await Console.Error.WriteLineAsync("error: the web host could not listen: " + SecretMask.OneLine(ex.Message));
    return 1;
}

if (demo is not null)
{
    await new WebDemo(app, demo, Console.Out).RunAsync(app.Lifetime.ApplicationStopping);
}

await app.WaitForShutdownAsync();
return 0;
