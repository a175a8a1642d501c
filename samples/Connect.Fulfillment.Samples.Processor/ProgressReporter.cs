using System.Diagnostics.Metrics;
using System.Globalization;
using Connect.Fulfillment.Telemetry;

namespace Connect.Fulfillment.Samples.Processor;

/// <summary>
/// Writes <c>progress: processed/total</c> lines to stderr while a run works. The total is counted from Connect's
/// <c>Content-Range</c> before the run; each handled request is seen through the pipeline's
/// <c>connect.fulfillment.requests</c> counter. At most a few lines a second.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly MeterListener listener = new();
    private readonly TextWriter output;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private readonly int total;
    private int processed;
    private long lastWritten;
    private int lastCount = -1;

    public ProgressReporter(int total, TextWriter output, TimeProvider clock)
    {
        this.total = total;
        this.output = output;
        this.clock = clock;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConnectFulfillmentTelemetry.MeterName && instrument.Name == ConnectFulfillmentTelemetry.RequestsCounterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => OnProcessed((int)value));
        listener.Start();
        Write(force: true);
    }

    public int Processed => Volatile.Read(ref processed);

    public void Complete()
    {
        lock (gate)
        {
            if (lastCount == Processed)
            {
                return;
            }
        }

        Write(force: true);
    }

    public void Dispose() => listener.Dispose();

    private void OnProcessed(int count)
    {
        Interlocked.Add(ref processed, count);
        Write(force: false);
    }

    private void Write(bool force)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            var done = Processed;
            if (!force && done < total && clock.GetElapsedTime(lastWritten, now) < Interval)
            {
                return;
            }

            lastWritten = now;
            lastCount = done;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {done}/{Math.Max(total, done)}"));
        }
    }
}
