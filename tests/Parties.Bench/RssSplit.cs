namespace Parties.Bench;

/// <summary>
/// A process's resident memory by kind: anonymous (for .NET the GC's committed memory and native allocations), shared
/// memory (for .NET the JIT's code and stubs, which W^X maps twice through a memfd), and mapped files (the runtime's and
/// the application's assemblies and libraries).
/// </summary>
public sealed record RssSplit(long AnonymousBytes, long SharedMemoryBytes, long FileBytes)
{
    public override string ToString() =>
        $"{AnonymousBytes / 1048576.0:N0} MB anonymous (GC heap and native), {SharedMemoryBytes / 1048576.0:N0} MB shared " +
        $"(JIT code, W^X), {FileBytes / 1048576.0:N0} MB mapped files (assemblies)";
}
