using System.CommandLine;
using Chancery.Cli.Output;
using Chancery.Core.People;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.People;

/// <summary>`chancery people ...`.</summary>
internal static class PeopleCommands
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "Name to look for, in any case, with or without diacritics, in Latin or Cyrillic letters." };
        var search = new Command("search", "Find people by name.") { query };
        search.SetListAction(
            (parsed, services, page, ct) => services.GetRequiredService<PersonService>().ListAsync(new PersonQuery(Q: parsed.GetValue(query)), page, ct),
            new Column<PersonDto>("Id", p => p.Id),
            new Column<PersonDto>("Name", p => p.DisplayName),
            new Column<PersonDto>("Original", p => p.OriginalName),
            new Column<PersonDto>("Born", p => p.DateOfBirth),
            new Column<PersonDto>("Nationality", p => p.NationalityCode),
            new Column<PersonDto>("Passport", p => p.PassportNumber is null ? null : $"{p.PassportIssuingStateCode} {p.PassportNumber}"));
        return new Command("people", "People on record.") { search };
    }
}
