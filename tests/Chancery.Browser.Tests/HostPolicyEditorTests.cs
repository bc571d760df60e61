using Chancery.Core.Common;
using Chancery.Core.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class HostPolicyEditorTests(ChanceryApp app)
{
    [Fact]
    public async Task PolicyCreatedInTheEditorIsListedAndAnOverlappingOneIsRefusedWithTheOtherRangeNamed()
    {
        // Norway's rules for Iceland: no other test records a policy for that pair.
        const int year = 2031;
        var page = await app.NewPageAsync();
        var list = await new HostPolicyListPage(page).OpenFromNavigationAsync();
        await Expect(list.Heading).ToHaveTextAsync("Host policies");

        var form = await list.FillNewAsync("Norway (NO)", "Iceland (IS)", $"{year}-01-01", $"{year}-12-31", graceDays: 30);
        await form.SubmitAsync("Save policy");

        await Expect(list.Heading).ToHaveTextAsync("Host policies");
        await Expect(list.Rows("Iceland (IS)", $"{year}-01-01")).ToHaveCountAsync(1);
        await Expect(list.Rows("Iceland (IS)", $"{year}-01-01")).ToContainTextAsync($"{year}-12-31");

        form = await list.FillNewAsync("Norway (NO)", "Iceland (IS)", $"{year}-06-01", until: null, graceDays: 10);
        await form.SubmitAsync("Save policy");

        await Expect(form.Alert).ToContainTextAsync($"in force from {year}-01-01 until {year}-12-31, which overlaps {year}-06-01");
        var stored = await app.WithServicesAsync(sp => sp.GetRequiredService<HostPolicyService>()
            .ListAsync(new HostPolicyQuery("NO", "IS", new DateOnly(year, 6, 1)), new PageRequest(1, 10), default));
        Assert.Equal((1, 30), (stored.Total, stored.Items.Single().GraceDays));
    }

    [Fact]
    public async Task PolicyEndedInTheEditorShowsItsLastDayAndOnceDeletedIsGone()
    {
        const int year = 2032;
        var page = await app.NewPageAsync();
        var list = await new HostPolicyListPage(page).OpenFromNavigationAsync();
        var form = await list.FillNewAsync("Norway (NO)", "Iceland (IS)", $"{year}-01-01", until: null, graceDays: 15);
        await form.SubmitAsync("Save policy");
        await Expect(list.Rows("Iceland (IS)", $"{year}-01-01")).ToContainTextAsync("no end");

        await page.GetByRole(AriaRole.Link, new() { Name = $"End policy NO for IS from {year}-01-01" }).ClickAsync();
        await Expect(form.Heading).ToHaveTextAsync("End host policy");
        await form.FillAsync("Last day in force", $"{year}-06-30");
        await form.SubmitAsync("End policy");

        await Expect(list.Rows("Iceland (IS)", $"{year}-01-01")).ToContainTextAsync($"{year}-06-30");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Delete policy NO for IS from {year}-01-01" }).ClickAsync();
        await Expect(form.Heading).ToHaveTextAsync("Delete host policy");
        await form.SubmitAsync("Delete policy");

        await Expect(list.Heading).ToHaveTextAsync("Host policies");
        await Expect(list.Rows("Iceland (IS)", $"{year}-01-01")).ToHaveCountAsync(0);
        var stored = await app.WithServicesAsync(sp => sp.GetRequiredService<HostPolicyService>()
            .ListAsync(new HostPolicyQuery("NO", "IS", new DateOnly(year, 3, 1)), new PageRequest(1, 10), default));
        Assert.Equal(0, stored.Total);
    }
}
