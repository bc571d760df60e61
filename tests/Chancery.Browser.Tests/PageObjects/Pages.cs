using Microsoft.Playwright;

namespace Chancery.Browser.Tests.PageObjects;

/// <summary>/search: find people by name in any script.</summary>
public sealed class SearchPage(IPage page)
{
    public async Task<SearchPage> OpenAsync()
    {
        await page.GotoAsync("/search");
        return this;
    }

    public async Task SearchAsync(string text)
    {
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Name, in any script" }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
    }

    public ILocator Results => page.GetByRole(AriaRole.Table);

    public async Task<PersonPage> OpenPersonAsync(string displayName)
    {
        await Results.GetByRole(AriaRole.Link, new() { Name = displayName, Exact = true }).ClickAsync();
        return new PersonPage(page);
    }
}

/// <summary>/people/{id}: identity, assignments, household, visas.</summary>
public sealed class PersonPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Visas => page.GetByRole(AriaRole.Table, new() { Name = "Visas" });
    public ILocator Assignments => page.GetByRole(AriaRole.Table, new() { Name = "Assignments" });

    /// <summary>The visa row for a category code, e.g. A-1.</summary>
    public ILocator VisaRow(string category) => Visas.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = category, Exact = true }) });
}

/// <summary>/missions/{id}: the roster by staff category, with families and visas.</summary>
public sealed class MissionPage(IPage page)
{
    public async Task<MissionPage> OpenAsync(Guid missionId, DateOnly? asOf = null)
    {
        await page.GotoAsync($"/missions/{missionId}" + (asOf is { } d ? $"?asOf={d:yyyy-MM-dd}" : ""));
        return this;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Counts => page.GetByLabel("Counts");

    /// <summary>The section of one staff category, by the start of its heading ("Diplomatic staff").</summary>
    public ILocator Category(string heading) => page.GetByRole(AriaRole.Region, new() { NameRegex = new($"^{heading}") });

    /// <summary>A table row holding a link with this person's name.</summary>
    public ILocator Row(ILocator within, string name) =>
        within.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    public async Task ShowAsOfAsync(DateOnly date)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "As of" }).FillAsync(date.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
    }
}

/// <summary>A create or edit form: fields found by their labels, messages next to them.</summary>
public sealed class FormPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public Task FillAsync(string label, string value) => page.GetByRole(AriaRole.Textbox, new() { Name = label, Exact = true }).FillAsync(value);

    public Task SelectAsync(string label, string option) =>
        page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = option });

    public Task SubmitAsync(string button) => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();

    /// <summary>The validation message shown with the field labelled <paramref name="label"/>.</summary>
    public ILocator MessageFor(string label) =>
        page.Locator(".field").Filter(new() { Has = page.GetByLabel(label, new() { Exact = true }) }).Locator(".validation-message");

    public ILocator Summary => page.Locator(".validation-errors");

    public ILocator Alert => page.GetByRole(AriaRole.Alert);
}

/// <summary>/missions: filters, sorting, paging.</summary>
public sealed class MissionListPage(IPage page)
{
    public async Task<MissionListPage> OpenAsync()
    {
        await page.GotoAsync("/missions");
        return this;
    }

    public async Task FilterAsync(string? sending = null, string? receiving = null, string? kind = null, string? text = null)
    {
        if (sending is not null) await page.GetByRole(AriaRole.Combobox, new() { Name = "Sending state" }).SelectOptionAsync(new SelectOptionValue { Label = sending });
        if (receiving is not null) await page.GetByRole(AriaRole.Combobox, new() { Name = "Receiving state" }).SelectOptionAsync(new SelectOptionValue { Label = receiving });
        if (kind is not null) await page.GetByRole(AriaRole.Combobox, new() { Name = "Kind" }).SelectOptionAsync(new SelectOptionValue { Label = kind });
        if (text is not null) await page.GetByRole(AriaRole.Searchbox, new() { Name = "City or state" }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
    }

    public ILocator Table => page.GetByRole(AriaRole.Table);

    public async Task<MissionPage> OpenMissionAsync(string label)
    {
        await Table.GetByRole(AriaRole.Link, new() { Name = label, Exact = true }).ClickAsync();
        return new MissionPage(page);
    }
}

/// <summary>The sign-in page.</summary>
public sealed class SignInPage(IPage page)
{
    /// <summary>Opens /signin, fills in the form and waits to land on a signed-in page.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>The demo accounts table of the sign-in page: role → (e-mail, password).</summary>
    public async Task<Dictionary<string, (string Email, string Password)>> DemoAccountsAsync()
    {
        await page.GotoAsync("/signin");
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Demo accounts" }).GetByRole(AriaRole.Row);
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (var i = 1; i < await rows.CountAsync(); i++)
        {
            var cells = await rows.Nth(i).GetByRole(AriaRole.Cell).AllInnerTextsAsync();
            result[cells[0]] = (cells[1], cells[2]);
        }
        return result;
    }
}
