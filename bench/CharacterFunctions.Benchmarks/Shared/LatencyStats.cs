namespace CharacterFunctions.Benchmarks.Shared;

/// <summary>Latency samples of one run and the figures we print from them.</summary>
public sealed class LatencyStats
{
    private readonly List<double> _millis = [];
    private readonly Lock _gate = new();

    public void Add(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _millis.Add(elapsed.TotalMilliseconds);
        }
    }

    public int Count
    {
        get { lock (_gate) { return _millis.Count; } }
    }

    /// <summary>Nearest-rank percentile in milliseconds (p in 0..100).</summary>
    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_millis.Count == 0)
            {
                return double.NaN;
            }
            var sorted = _millis.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }

    public double Mean
    {
        get { lock (_gate) { return _millis.Count == 0 ? double.NaN : _millis.Average(); } }
    }
}
