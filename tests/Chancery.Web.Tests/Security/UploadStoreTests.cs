using Chancery.Core.Data;
using Chancery.Web.Features.Import;
using Chancery.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chancery.Web.Tests.Security;

/// <summary>
/// Files waiting between the import page's check and its commit hold passport numbers: they are kept where only the app's
/// account can open them, and removed on a timer once expired.
/// </summary>
/// <remarks>File modes protect the files on Unix systems; on Windows the folder's access list is the operator's to set.</remarks>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UploadStoreTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const UnixFileMode OthersOrGroup = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static PendingUpload Upload(DateTimeOffset at) => new(Guid.NewGuid().ToString(), "people.csv", "People", null, null, null, false, at);

    [Theory, MemberData(nameof(Providers))]
    public async Task AnUploadIsStoredInAFolderAndFileThatOnlyTheAppsAccountCanOpen(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        var store = app.Services.GetRequiredService<UploadStore>();

        var id = await store.SaveAsync(new MemoryStream("familyName,passportNumber\nIvanov,AB1234567\n"u8.ToArray()), Upload(app.Clock.GetUtcNow()), default);

        var files = Directory.GetFiles(store.Folder, id + ".*");
        Assert.Equal(2, files.Length);
        Assert.Equal(Path.GetFullPath(app.UploadDirectory), store.Folder);
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(store.Folder) & OthersOrGroup);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        store.Remove(id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnExpiredUploadIsRemovedByTheTimerAndAFreshOneKept(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        var store = app.Services.GetRequiredService<UploadStore>();
        var cleanup = app.Services.GetRequiredService<UploadCleanup>();
        var swept = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        cleanup.Swept += removed =>
        {
            if (removed > 0) swept.TrySetResult(removed);
        };
        var old = await store.SaveAsync(new MemoryStream("old"u8.ToArray()), Upload(app.Clock.GetUtcNow()), default);

        // Past the 30 minutes an upload is kept, and past the next sweep (every 5 minutes): the timer runs on the app's clock.
        app.Clock.Advance(UploadStore.Lifetime + TimeSpan.FromMinutes(6));
        var fresh = await store.SaveAsync(new MemoryStream("fresh"u8.ToArray()), Upload(app.Clock.GetUtcNow()), default);
        var removed = await swept.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, removed);
        Assert.Empty(Directory.GetFiles(store.Folder, old + ".*"));
        Assert.Equal(2, Directory.GetFiles(store.Folder, fresh + ".*").Length);
    }

    [Fact]
    public void AFolderLeftOpenToOthersIsNarrowedToTheAppsAccount()
    {
        var folder = Directory.CreateTempSubdirectory("chancery-open-uploads-").FullName;
        try
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Import:UploadDirectory"] = folder }).Build();

            var store = new UploadStore(configuration, TimeProvider.System, NullLogger<UploadStore>.Instance);
            using var scratch = store.CreateScratch();

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(scratch.Name));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
