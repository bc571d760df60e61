using Chancery.Core.Common;
using Chancery.Core.People;

namespace Chancery.Web.Features.People.Pages;

/// <summary>Runs a people query for a page, turning a bad sort or page number into a message.</summary>
internal static class PeopleSearch
{
    public static async Task<(Page<PersonDto>? Page, string? Error)> RunAsync(PersonService people, PersonQuery query, PageRequest page)
    {
        try
        {
            return (await people.ListAsync(query, page, CancellationToken.None), null);
        }
        catch (ValidationFailedException ex)
        {
            return (null, string.Join(" ", ex.Errors.SelectMany(e => e.Value)));
        }
    }
}
