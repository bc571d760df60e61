using Microsoft.Playwright;

namespace Chancery.Browser.Tests.PageObjects;

/// <summary>/missions/{id}/vacancies: posts vacant or about to be, with their replacement.</summary>
public sealed class VacanciesPage(IPage page)
{
    public async Task<VacanciesPage> OpenAsync(Guid missionId, DateOnly on)
    {
        await page.GotoAsync($"/missions/{missionId}/vacancies?on={on:yyyy-MM-dd}");
        return this;
    }

    public ILocator Counts => page.GetByLabel("Vacancy counts");

    public ILocator Row(string post) => page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = post, Exact = true }) });
}

/// <summary>/missions/{id}/headcount: the count by category with its reasons, and the timeline chart with its table.</summary>
public sealed class HeadcountPage(IPage page)
{
    public ILocator Chart => page.GetByRole(AriaRole.Img, new() { Name = "Line chart of members and family members per day" });

    public ILocator ByCategory => page.GetByRole(AriaRole.Table, new() { Name = "Headcount by staff category" });

    public ILocator Timeline => page.GetByRole(AriaRole.Table, new() { Name = "Days on which the headcount changes" });
}
