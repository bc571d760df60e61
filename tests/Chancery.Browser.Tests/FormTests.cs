using Chancery.Core.Missions;
using Chancery.Core.People;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FormTests(ChanceryApp app)
{
    private readonly World _world = new(app);

    /// <summary>The new-visa form of a fresh person, issuer and category already filled.</summary>
    private async Task<(PersonDto Holder, IPage Page, FormPage Form)> NewVisaFormAsync()
    {
        var holder = await _world.PersonAsync("Lie", "Kari " + World.Unique());
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/people/{holder.Id}/visas/new");
        var form = new FormPage(page);
        await form.SelectAsync("Issued by", "Canada (CA)");
        await form.FillAsync("Category", "D-1");
        return (holder, page, form);
    }

    [Fact]
    public async Task VisaEndingBeforeItStartsIsRejectedNextToValidUntilAndNothingIsSaved()
    {
        var (holder, page, form) = await NewVisaFormAsync();

        await form.FillAsync("Valid from", "2021-09-03");
        await form.FillAsync("Valid until", "2021-03-09");
        await form.SubmitAsync("Save visa");

        await Expect(form.MessageFor("Valid until")).ToHaveTextAsync("Valid until 2021-03-09 is before valid from 2021-09-03; it must be on or after it.");
        await Expect(form.Summary).ToContainTextAsync("Valid until 2021-03-09 is before valid from 2021-09-03");
        await Expect(form.MessageFor("Valid from")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Category" })).ToHaveValueAsync("D-1");
        Assert.Equal(0, await _world.VisaCountAsync(holder));
    }

    [Fact]
    public async Task DateWrittenTheAmericanWayIsNamedNextToItsFieldAndNothingIsSaved()
    {
        var (holder, page, form) = await NewVisaFormAsync();

        await form.FillAsync("Valid from", "09/03/21");
        await form.FillAsync("Valid until", "2022-09-02");
        await form.SubmitAsync("Save visa");

        await Expect(form.MessageFor("Valid from")).ToContainTextAsync("09/03/21");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Valid until" })).ToHaveValueAsync("2022-09-02");
        Assert.Equal(0, await _world.VisaCountAsync(holder));
    }

    [Fact]
    public async Task NewMissionIsSavedAndItsPageOpens()
    {
        var city = "Tromsø " + World.Unique();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/missions/new");
        var form = new FormPage(page);

        await form.SelectAsync("Sending state", "Iceland (IS)");
        await form.SelectAsync("Receiving state", "Norway (NO)");
        await form.SelectAsync("Kind", "Consulate-general");
        await form.FillAsync("City", city);
        await form.FillAsync("Opened on", "1999-05-02");
        await form.SubmitAsync("Save mission");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Consulate-general of Iceland in {city}");
        await Expect(page.GetByText("1999-05-02")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task EditOfARecordChangedMeanwhileSaysReloadAndKeepsTheOtherChange()
    {
        // A mission received by Norway, which the registrar records as Norway's protocol officer.
        var mission = await _world.MissionAsync("CA", "NO", city: "Bergen " + World.Unique());
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/missions/{mission.Id}/edit");
        var form = new FormPage(page);
        await app.WithServicesAsync(sp => sp.GetRequiredService<MissionService>().UpdateAsync(mission.Id,
            new MissionInput(mission.SendingStateCode, mission.ReceivingStateCode, mission.Kind, mission.City, MissionStatus.Suspended, mission.OpenedOn, Version: mission.Version), default));

        await form.FillAsync("City", "Stavanger");
        await form.SubmitAsync("Save mission");

        await Expect(form.Alert).ToContainTextAsync("changed by someone else");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reload the record" })).ToBeVisibleAsync();
        var stored = await app.WithServicesAsync(sp => sp.GetRequiredService<MissionService>().GetAsync(mission.Id, default));
        Assert.Equal((mission.City, MissionStatus.Suspended), (stored.City, stored.Status));
    }

    [Fact]
    public async Task PersonAssignedFromTheMissionPageAppearsUnderTheirCategoryAndASecondOpenAssignmentIsRefused()
    {
        var mission = await _world.MissionAsync("NO", "SE");
        var suffix = World.Unique();
        await _world.PersonAsync("Ødegård", "Håkon " + suffix);
        var page = await app.NewPageAsync();
        var roster = await new MissionPage(page).OpenAsync(mission.Id);

        await page.GetByRole(AriaRole.Link, new() { Name = "Assign a person" }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Find by name" }).FillAsync("odegard hakon " + suffix);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Choose Ødegård, Håkon {suffix}" }).ClickAsync();
        var form = new FormPage(page);
        async Task FillAndSaveAsync()
        {
            await form.SelectAsync("Staff category", "Administrative and technical staff");
            await form.FillAsync("Title or function", "Archivist");
            await form.FillAsync("Start", "2021-02-01");
            await form.SubmitAsync("Save assignment");
        }
        await FillAndSaveAsync();

        await Expect(roster.Heading).ToHaveTextAsync(mission.Label);
        await Expect(roster.Row(roster.Category("Administrative and technical staff"), $"Ødegård, Håkon {suffix}")).ToContainTextAsync("Archivist");

        await page.GoBackAsync();
        await Expect(form.Heading).ToHaveTextAsync("New assignment");
        await FillAndSaveAsync();

        await Expect(form.Alert).ToContainTextAsync("already has an open assignment at this mission");
    }

    [Fact]
    public async Task FamilyMemberRecordedFromTheRosterAsANewPersonJoinsThePrincipalsHousehold()
    {
        var mission = await _world.MissionAsync("NO", "DK");
        var principal = await _world.PersonAsync("Strand", "Ola " + World.Unique());
        await _world.AssignAsync(principal, mission, StaffCategory.Diplomatic, "Counsellor");
        var spouseGiven = "Liv " + World.Unique();
        var page = await app.NewPageAsync();
        var roster = await new MissionPage(page).OpenAsync(mission.Id);

        await page.GetByRole(AriaRole.Link, new() { Name = $"Add a family member of {principal.DisplayName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a new person" }).ClickAsync();
        var form = new FormPage(page);
        await Expect(form.Heading).ToHaveTextAsync("New person");
        await form.FillAsync("Family name (original script)", "Strand");
        await form.FillAsync("Given names (original script)", spouseGiven);
        await form.SelectAsync("Nationality", "Norway (NO)");
        await form.SubmitAsync("Save person");
        await Expect(form.Heading).ToHaveTextAsync("New family member");
        await form.SelectAsync("Relationship to the principal", "Spouse");
        await form.FillAsync("In the household at post from", "2019-09-01");
        await form.SubmitAsync("Save family member");

        await Expect(roster.Heading).ToHaveTextAsync(mission.Label);
        await Expect(roster.Row(roster.Category("Diplomatic staff"), $"Strand, {spouseGiven}")).ToContainTextAsync($"Spouse of {principal.DisplayName}");
        await Expect(roster.Counts).ToContainTextAsync("1 member of the mission, 1 family member");
    }
}
