using System.CommandLine;
using Chancery.Cli.Hosting;
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
        var format = Rows.FormatOption();
        var search = new Command("search", "Find people by name.") { query, format };
        search.SetServiceAction(async (parsed, services, ct) =>
        {
            await CliHost.RequireMigratedAsync(services, ct).ConfigureAwait(false);
            var people = services.GetRequiredService<PersonService>();
            var filter = new PersonQuery(Q: parsed.GetValue(query));
            var rows = await Rows.AllAsync(page => people.ListAsync(filter, page, ct)).ConfigureAwait(false);
            Rows.Write(Rows.Format(parsed, format), rows,
                new Column<PersonDto>("Id", p => p.Id),
                new Column<PersonDto>("Name", p => p.DisplayName),
                new Column<PersonDto>("Original", p => p.OriginalName),
                new Column<PersonDto>("Born", p => p.DateOfBirth),
                new Column<PersonDto>("Nationality", p => p.NationalityCode),
                new Column<PersonDto>("Passport", p => p.PassportNumber is null ? null : $"{p.PassportIssuingStateCode} {p.PassportNumber}"));
        });
        return new Command("people", "People on record.") { search };
    }
}
