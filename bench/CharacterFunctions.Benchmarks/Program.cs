// Replaced by issue #6 (benchmarks).
Console.WriteLine("benchmarks: not yet written");
