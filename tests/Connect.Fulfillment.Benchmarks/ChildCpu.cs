using System.Runtime.InteropServices;

namespace Connect.Fulfillment.Benchmarks;

/// <summary>
/// CPU time (user + system) of this process's terminated and reaped children, from getrusage(RUSAGE_CHILDREN).
/// The processor is reaped when its exit is awaited while the sandbox is still running, so the difference around one
/// processor run is the processor's own CPU time. Linux and macOS only; zero elsewhere.
/// </summary>
internal static class ChildCpu
{
    private const int RusageChildren = -1;

    public static TimeSpan Total()
    {
        if (OperatingSystem.IsWindows() || NativeMethods.getrusage(RusageChildren, out var usage) != 0)
        {
            return TimeSpan.Zero;
        }

        static double Seconds(long seconds, long microseconds) => seconds + (microseconds / 1e6);
        return TimeSpan.FromSeconds(Seconds(usage.UserSeconds, usage.UserMicroseconds) + Seconds(usage.SystemSeconds, usage.SystemMicroseconds));
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;

        // The remaining 14 longs of struct rusage, unused here but part of its size.
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int getrusage(int who, out RUsage usage);
    }
}
