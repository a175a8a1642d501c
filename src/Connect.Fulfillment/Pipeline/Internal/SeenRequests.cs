using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Connect.Fulfillment.Pipeline.Internal;

/// <summary>
/// The requests one listing stream of a run has seen, for exactly-once: whether each is still in progress or known
/// to remain listed, and in which pass it was last counted as remaining. Connect ids of the usual shapes
/// (<c>PR-1234-5678-9012-345</c>, <c>TCR-123-456-789-012</c>) are packed into a 64-bit key, so an entry costs a few
/// dozen bytes and no string is kept; any other id is kept as a string. Thread-safe.
/// </summary>
internal sealed class SeenRequests
{
    /// <summary>The state of a request in progress; a positive state is the pass in which a remaining request was last counted.</summary>
    private const int InProgress = 0;

    /// <summary>The packed shapes: a prefix, then groups of digits of these lengths joined by <c>-</c> (at most 15 digits).</summary>
    private static readonly IdShape[] Shapes = [new("PR-", [4, 4, 4, 3]), new("TCR-", [3, 3, 3, 3])];

    private readonly Dictionary<ulong, int> packed = [];
    private readonly Dictionary<string, int> other = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly Lock gate = new();
#else
    private readonly object gate = new();
#endif

    /// <summary>What the lister learned about a listed request.</summary>
    public enum Sighting
    {
        /// <summary>Not seen before in this run.</summary>
        New,

        /// <summary>Seen before: still in progress, or already counted as remaining in this pass.</summary>
        Known,

        /// <summary>Known to remain listed and now counted as such for this pass (the caller counts it).</summary>
        CountedNow,
    }

    /// <summary>How many requests have been seen.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return packed.Count + other.Count;
            }
        }
    }

    /// <summary>Looks a listed request up; a request known to remain is counted once per pass.</summary>
    /// <param name="id">The request id.</param>
    /// <param name="pass">The current listing pass (1-based).</param>
    /// <returns>What is known.</returns>
    public Sighting See(string id, int pass)
    {
        lock (gate)
        {
            if (TryPack(id, out var key))
            {
                ref var state = ref CollectionsMarshal.GetValueRefOrNullRef(packed, key);
                return See(ref state, pass);
            }
            else
            {
                ref var state = ref CollectionsMarshal.GetValueRefOrNullRef(other, id);
                return See(ref state, pass);
            }
        }
    }

    /// <summary>Records a new request as in progress.</summary>
    /// <param name="id">The request id.</param>
    public void AddInProgress(string id) => Set(id, InProgress);

    /// <summary>Records that a request remains listed and is counted for <paramref name="pass"/> (a new one owned by another replica, or one that finished and is still listed).</summary>
    /// <param name="id">The request id.</param>
    /// <param name="pass">The pass it is counted in (1-based).</param>
    public void MarkRemaining(string id, int pass) => Set(id, pass);

    /// <summary>Packs an id of a known shape into a key unique among packed ids.</summary>
    /// <param name="id">The id.</param>
    /// <param name="key">The key: the shape's index in the top byte, the digits as a decimal number below.</param>
    /// <returns>Whether the id has a known shape.</returns>
    internal static bool TryPack(string id, out ulong key)
    {
        for (var shape = 0; shape < Shapes.Length; shape++)
        {
            var (prefix, groups, length) = Shapes[shape];
            if (id.Length != length || !id.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            // At most 15 digits, so the number stays below 10^15 < 2^50 and leaves the top byte for the shape.
            ulong digits = 0;
            var position = prefix.Length;
            for (var group = 0; group < groups.Length; group++)
            {
                if (group > 0)
                {
                    if (id[position] != '-')
                    {
                        key = 0;
                        return false;
                    }

                    position++;
                }

                for (var i = 0; i < groups[group]; i++, position++)
                {
                    var c = id[position];
                    if (c is < '0' or > '9')
                    {
                        key = 0;
                        return false;
                    }

                    digits = (digits * 10) + (ulong)(c - '0');
                }
            }

            key = ((ulong)(shape + 1) << 56) | digits;
            return true;
        }

        key = 0;
        return false;
    }

    private static Sighting See(ref int state, int pass)
    {
        if (Unsafe.IsNullRef(ref state))
        {
            return Sighting.New;
        }

        if (state != InProgress && state != pass)
        {
            state = pass;
            return Sighting.CountedNow;
        }

        return Sighting.Known;
    }

    private void Set(string id, int state)
    {
        lock (gate)
        {
            if (TryPack(id, out var key))
            {
                packed[key] = state;
            }
            else
            {
                other[id] = state;
            }
        }
    }

    private sealed record IdShape(string Prefix, int[] Groups)
    {
        public int Length { get; } = Prefix.Length + Groups.Sum() + Groups.Length - 1;

        public void Deconstruct(out string prefix, out int[] groups, out int length) => (prefix, groups, length) = (Prefix, Groups, Length);
    }
}
