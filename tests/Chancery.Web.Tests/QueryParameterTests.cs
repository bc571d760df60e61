using Chancery.Core.Data;
using Chancery.Web.Tests.Infrastructure;

namespace Chancery.Web.Tests;

/// <summary>Query parameters that are not numbers, dates, identifiers or known values: a 400 naming the parameter and why.</summary>
public sealed class QueryParameterTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    public static TheoryData<DatabaseProvider, string, string, string> BadQueries() => OnEachProvider(
        ("/api/v1/missions?page=abc", "page", "'abc' is not a valid whole number"),
        ("/api/v1/missions?pageSize=x1", "pageSize", "'x1' is not a valid whole number"),
        ("/api/v1/missions?page=0", "page", "pages start at 1"),
        ("/api/v1/missions?pageSize=501", "pageSize", "use 1 to 500"),
        ("/api/v1/missions?sort=budget", "sort", "use one of city"),
        ("/api/v1/missions?kind=Palace", "kind", "'Palace' is not a known value; use one of Embassy, ConsulateGeneral"),
        ("/api/v1/missions?status=Open&kind=Palace", "kind", "'Palace' is not a known value; use one of Embassy, ConsulateGeneral"),
        ("/api/v1/missions?kind=7", "kind", "'7' is not a known value; use one of Embassy, ConsulateGeneral"),
        ("/api/v1/missions?status=1", "status", "'1' is not a known value; use one of Open, Suspended, Closed"),
        ("/api/v1/people?missionId=embassy", "missionId", "'embassy' is not a valid identifier"),
        ("/api/v1/people?page=abc", "page", "not a valid whole number"),
        ("/api/v1/people?sort=salary", "sort", "use one of name, nationality, born"),
        ("/api/v1/visas?validOn=tomorrow", "validOn", "'tomorrow' is not a valid date"),
        ("/api/v1/visas?expiresBy=2021-09-31", "expiresBy", "'2021-09-31' is not a valid date"),
        ("/api/v1/visas?holderId=42", "holderId", "'42' is not a valid identifier"),
        ("/api/v1/visas?pageSize=many", "pageSize", "not a valid whole number"),
        ("/api/v1/assignments?activeOn=yesterday", "activeOn", "'yesterday' is not a valid date; write it as YYYY-MM-DD"),
        ("/api/v1/assignments?category=0", "category", "'0' is not a known value; use one of HeadOfMission"),
        ("/api/v1/assignments?missionId=1", "missionId", "'1' is not a valid identifier"),
        ("/api/v1/states?pageSize=0", "pageSize", "use 1 to 500"),
        ($"/api/v1/missions/{Guid.Empty}/roster?asOf=tomorrow", "asOf", "'tomorrow' is not a valid date"),
        ($"/api/v1/missions/{Guid.Empty}/roster?asOf=2021-02-30", "asOf", "'2021-02-30' is not a valid date"),
        ($"/api/v1/people/{Guid.Empty}/profile?asOf=yesterday", "asOf", "'yesterday' is not a valid date"),
        ($"/api/v1/people/{Guid.Empty}/profile?asOf=08/15/2021", "asOf", "'08/15/2021' is not a date; write it as YYYY-MM-DD"),
        ("/api/v1/visas?validOn=09/03/2021", "validOn", "'09/03/2021' is not a date; write it as YYYY-MM-DD"),
        ("/api/v1/assignments?activeOn=2021-9-3", "activeOn", "'2021-9-3' is not a date"));

    [Theory, MemberData(nameof(BadQueries))]
    public async Task BadQueryParameterIsRefusedNamingTheParameter(DatabaseProvider provider, string url, string field, string reason)
    {
        var client = Fixture.Client(provider);

        await (await client.GetAsync(url)).ShouldBeInvalid(field, reason);
    }
}
