using Chancery.Browser.Tests.Infrastructure;
using Chancery.Browser.Tests.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chancery.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AccessTests(ChanceryApp app)
{
    [Fact]
    public async Task MissionAdministratorSignsInWithTheDemoAccountAndSeesOnlyTheirMission()
    {
        var page = await app.NewPageAsync(storageState: null);
        var signIn = new SignInPage(page);
        var (email, password) = (await signIn.DemoAccountsAsync())["MissionAdministrator"];

        await signIn.SignInAsync(email, password);
        await page.GotoAsync("/missions");

        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Embassy of Russia in Washington" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Embassy of United States in Moscow" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignedOutVisitorIsSentToSignInAndWrongPasswordIsSaidPlainly()
    {
        var page = await app.NewPageAsync(storageState: null);

        await page.GotoAsync("/missions");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("E-mail").FillAsync(ChanceryApp.RegistrarEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong");
    }
}
