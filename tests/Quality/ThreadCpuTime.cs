using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Consistency.Quality
{
    /// <summary>
    /// CPU time of the calling thread, so that a measurement on a machine shared with other work counts only the work
    /// measured (wall-clock time there includes the time the thread waited for a core). Linux and macOS read
    /// <c>CLOCK_THREAD_CPUTIME_ID</c>; elsewhere the process CPU time is used (equal for single-threaded work).
    /// </summary>
    public static partial class ThreadCpuTime
    {
        private static readonly bool Supported = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        public static TimeSpan Now
        {
            get
            {
                if (Supported && clock_gettime(RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 16 : 3, out var spec) == 0)
                {
                    return TimeSpan.FromTicks((spec.Seconds * 1_000_000_000L + spec.Nanoseconds) / 100);
                }

                using var process = Process.GetCurrentProcess();
                return process.TotalProcessorTime;
            }
        }

        [LibraryImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static partial int clock_gettime(int clockId, out TimeSpec value);

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
