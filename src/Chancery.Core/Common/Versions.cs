namespace Chancery.Core.Common;

/// <summary>Concurrency checks shared by the services.</summary>
public static class Versions
{
    /// <summary>An update must say which version it was based on.</summary>
    public static int Require(int? version) =>
        version ?? throw ValidationFailedException.For("version", "version is required for an update: send the version you read, so a newer change is not overwritten.");
}
