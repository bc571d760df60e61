using Microsoft.Playwright;

namespace Chancery.Browser.Tests.PageObjects;

/// <summary>/host-policies: the policy list, reached from the main navigation, and its new-policy form.</summary>
public sealed class HostPolicyListPage(IPage page)
{
    public async Task<HostPolicyListPage> OpenFromNavigationAsync()
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Policies" }).ClickAsync();
        return this;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Table => page.GetByRole(AriaRole.Table);

    /// <summary>Rows of policies for <paramref name="sendingState"/> in force from <paramref name="from"/>.</summary>
    public ILocator Rows(string sendingState, string from) =>
        Table.GetByRole(AriaRole.Row).Filter(new() { HasText = sendingState }).Filter(new() { HasText = from });

    /// <summary>Opens the new-policy form and fills it; the caller submits.</summary>
    public async Task<FormPage> FillNewAsync(string receiving, string sending, string from, string? until, int graceDays)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New policy" }).ClickAsync();
        var form = new FormPage(page);
        // The list's filters have the same labels: fill nothing before the form has replaced them.
        await Assertions.Expect(form.Heading).ToHaveTextAsync("New host policy");
        await form.SelectAsync("Receiving state", receiving);
        await form.SelectAsync("Sending state", sending);
        await form.FillAsync("In force from", from);
        if (until is not null) await form.FillAsync("In force until", until);
        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "Grace period (days)" }).FillAsync(graceDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return form;
    }
}
