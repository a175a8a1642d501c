using System.Runtime.InteropServices;

namespace Connect.Fulfillment.Samples.Processor;

/// <summary>
/// Turns the first Ctrl-C or SIGTERM into a cancellation (the run finishes the requests in progress) and the second
/// into an immediate exit with <see cref="ExitCodes.Cancelled"/>.
/// </summary>
internal sealed class CancellationSignals : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly TextWriter stderr;
    private readonly PosixSignalRegistration sigint;
    private readonly PosixSignalRegistration sigterm;

    private CancellationSignals(TextWriter stderr)
    {
        this.stderr = stderr;
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => cancellation.Token;

    public static CancellationSignals Listen(TextWriter stderr) => new(stderr);

    public void Dispose()
    {
        sigint.Dispose();
        sigterm.Dispose();
        cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (cancellation.IsCancellationRequested)
        {
            Environment.Exit(ExitCodes.Cancelled);
        }

        stderr.WriteLine("cancelling: finishing the requests in progress (Ctrl-C again to stop at once)");
        cancellation.Cancel();
    }
}
