using System.Net;
using System.Text;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Vendors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>
/// A vendor that answers with a huge body (declared or chunked) costs the samples at most
/// <see cref="VendorApi.MaxResponseBytes"/> of memory, and the request is left for a later run with a reason that names
/// the limit: never an out-of-memory end of the process.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class VendorBodyLimitTests
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task A_250_MB_vendor_answer_is_a_transient_failure_naming_the_limit(bool declared)
    {
        var huge = new HugeAnswer(declared ? 250L * 1024 * 1024 : null);
        using var provider = Services(huge);
        var vendor = provider.GetRequiredService<VendorApi>();
        var adapter = new HttpVendorCancelAdapter(vendor, new VendorCredentialsMonitor(), NullLogger<HttpVendorCancelAdapter>.Instance);

        var result = await adapter.CancelAsync(new VendorSubscriptionContext(new FulfillmentRequest { Id = "PR-1" }, "SUB-1", "PR-1"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Kind, Is.EqualTo(VendorResultKind.TransientFailure));
            Assert.That(result.Message, Does.Contain($"the vendor's answer is larger than {VendorApi.MaxResponseBytes} bytes"));
            Assert.That(huge.Served, Is.LessThanOrEqualTo(VendorApi.MaxResponseBytes + (1024 * 1024)), "reading stops near the limit");
            Assert.That(huge.Calls, Is.EqualTo(1), "a huge answer is not retried: it would come back the same");
        });
    }

    private static ServiceProvider Services(HttpMessageHandler handler)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vendor:BaseUrl"] = "https://vendor.example.com/v1",
            ["Vendor:ApiKey"] = "vendor-key",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSampleProcessor(configuration);
        services.AddHttpClient(SampleServiceCollectionExtensions.VendorHttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }

    /// <summary>Answers 200 with an endless body, with or without a declared length; counts what was read of it.</summary>
    private sealed class HugeAnswer(long? declaredLength) : HttpMessageHandler
    {
        private long served;
        private int calls;

        public long Served => Interlocked.Read(ref served);

        public int Calls => Volatile.Read(ref calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            var content = new StreamContent(new Endless(this));
            content.Headers.ContentLength = declaredLength;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }

        private sealed class Endless(HugeAnswer owner) : Stream
        {
            private static readonly byte[] Unit = Encoding.UTF8.GetBytes("{\"id\":\"x\"}");

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => owner.Served;
                set => throw new NotSupportedException();
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                for (var i = 0; i < count; i++)
                {
                    buffer[offset + i] = Unit[i % Unit.Length];
                }

                Interlocked.Add(ref owner.served, count);
                return count;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
