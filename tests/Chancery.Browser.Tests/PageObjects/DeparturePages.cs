using Microsoft.Playwright;

namespace Chancery.Browser.Tests.PageObjects;

/// <summary>Issuing a departure order from a mission: persons ticked from its staff, one leave-by date.</summary>
public sealed class IssueDepartureOrderPage(IPage page)
{
    public async Task<IssueDepartureOrderPage> OpenAsync(Guid missionId)
    {
        await page.GotoAsync($"/missions/{missionId}/departure-orders/new");
        return this;
    }

    public Task NameAsync(string personName) => page.GetByRole(AriaRole.Checkbox, new() { Name = personName, Exact = true }).CheckAsync();

    public Task FillAsync(string label, string value) => page.GetByRole(AriaRole.Textbox, new() { Name = label, Exact = true }).FillAsync(value);

    public async Task<DepartureOrderPage> IssueAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue order" }).ClickAsync();
        return new DepartureOrderPage(page);
    }
}

/// <summary>A departure order's progress, with the form that records departures.</summary>
public sealed class DepartureOrderPage(IPage page)
{
    public ILocator Progress => page.GetByLabel("Progress");

    public ILocator Row(string personName) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = personName, Exact = true }) });

    public Task TickAsync(string personName) => Row(personName).GetByRole(AriaRole.Checkbox).CheckAsync();

    public async Task RecordDeparturesAsync(string departedOn)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Departed on", Exact = true }).FillAsync(departedOn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record departures" }).ClickAsync();
    }

    public async Task RescindAsync(string personName, string rescindedOn)
    {
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Rescind the order" });
        await form.GetByRole(AriaRole.Checkbox, new() { Name = personName, Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Rescinded on", Exact = true }).FillAsync(rescindedOn);
        await form.GetByRole(AriaRole.Button, new() { Name = "Rescind for the ticked persons" }).ClickAsync();
    }
}
