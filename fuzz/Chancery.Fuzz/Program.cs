using SharpFuzz;

namespace Chancery.Fuzz;

/// <summary>
/// <c>Chancery.Fuzz TARGET</c>: runs one harness under afl-fuzz (scripts/fuzz), or once on standard input without it.
/// <c>Chancery.Fuzz TARGET --replay FILE...</c>: runs the harness on each file and says which ones break it.
/// </summary>
internal static class FuzzMain
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: Chancery.Fuzz <{string.Join("|", Targets.All.Keys)}> [--replay FILE...]");
            return 2;
        }
        using var harness = target();
        if (args.Length > 1 && args[1] == "--replay")
        {
            var failed = 0;
            foreach (var file in args.Skip(2))
            {
                try
                {
                    harness.Run(File.ReadAllBytes(file));
                }
                catch (Exception ex)
                {
                    failed++;
                    Console.Error.WriteLine($"{file}: {ex.GetType().FullName}: {ex.Message}");
                }
            }
            return failed == 0 ? 0 : 1;
        }
        Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            harness.Run(buffer.ToArray());
        });
        return 0;
    }
}
