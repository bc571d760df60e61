using Chancery.Browser.Tests.Infrastructure;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Visas;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Browser.Tests.Builders;

/// <summary>Makes a test's own records through the Core services, with names no other test uses.</summary>
public sealed class World(ChanceryApp app)
{
    private static int _counter;

    /// <summary>A short suffix that makes names unique within the run.</summary>
    public static string Unique() => Interlocked.Increment(ref _counter).ToString("D3") + Guid.NewGuid().ToString("N")[..4];

    /// <summary>A mission, given to the registrar to administer.</summary>
    public async Task<MissionDto> MissionAsync(string sending = "NO", string receiving = "CA", string? city = null)
    {
        var mission = await app.WithServicesAsync(sp => sp.GetRequiredService<MissionService>()
            .CreateAsync(new MissionInput(sending, receiving, MissionKind.Embassy, city ?? "City " + Unique(), OpenedOn: new DateOnly(1990, 1, 1)), default));
        await app.GrantToRegistrarAsync(mission.Id);
        return mission;
    }

    /// <summary>A person recorded by the registrar (so they can find them before any assignment).</summary>
    public Task<PersonDto> PersonAsync(string family, string given, string? familyLatin = null, string? givenLatin = null, string nationality = "NO", DateOnly? born = null) =>
        app.AsRegistrarAsync(sp => sp.GetRequiredService<PersonService>()
            .CreateAsync(new PersonInput(family, given, familyLatin, givenLatin, born ?? new DateOnly(1980, 5, 17), nationality), default));

    public Task<AssignmentDto> AssignAsync(PersonDto person, MissionDto mission, StaffCategory category, string title, DateOnly? start = null, DateOnly? plannedEnd = null) =>
        app.WithServicesAsync(sp => sp.GetRequiredService<AssignmentService>()
            .CreateAsync(new AssignmentInput(person.Id, mission.Id, category, title, start ?? new DateOnly(2019, 9, 1), PlannedEndOn: plannedEnd), default));

    public Task<FamilyMemberDto> FamilyAsync(PersonDto member, AssignmentDto principal, Relationship relationship, DateOnly? start = null) =>
        app.WithServicesAsync(sp => sp.GetRequiredService<FamilyService>()
            .CreateAsync(new FamilyMemberInput(member.Id, principal.Id, relationship, start ?? principal.StartOn), default));

    public Task<VisaDto> VisaAsync(PersonDto holder, string issuer, string category, DateOnly validFrom, DateOnly validUntil, DateOnly? cancelledOn = null) =>
        app.WithServicesAsync(sp => sp.GetRequiredService<VisaService>()
            .CreateAsync(new VisaInput(holder.Id, issuer, category, validFrom, validUntil, CancelledOn: cancelledOn), default));

    public Task<int> VisaCountAsync(PersonDto holder) =>
        app.WithServicesAsync(async sp => (await sp.GetRequiredService<VisaService>().ListAsync(new VisaQuery(HolderId: holder.Id), new(1, 50), default)).Total);
}
