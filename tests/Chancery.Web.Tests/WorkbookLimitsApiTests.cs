using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chancery.Core.Data;
using Chancery.Web.Tests.Builders;
using Chancery.Web.Tests.Infrastructure;
using static Chancery.Tests.Shared.HostileWorkbook;

namespace Chancery.Web.Tests;

/// <summary>
/// Hostile workbooks and encodings sent to the import: each answers 400 with the reason, writes nothing (the good
/// missions row inside each file is not on record afterwards), and the app keeps answering.
/// </summary>
public sealed class WorkbookLimitsApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    public static TheoryData<DatabaseProvider, string> Hostile()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var kind in new[] { "column ZZZZZZ", "DTD", "zip bomb", "too many parts", "huge shared strings", "row past the last" })
                data.Add(provider, kind);
        return data;
    }

    [Theory, MemberData(nameof(Hostile))]
    public async Task AHostileWorkbookIsA400SayingWhyAndWritesNothing(DatabaseProvider provider, string kind)
    {
        var client = Fixture.Client(provider);
        var city = "Hostile " + Unique.Name();
        var (file, reason) = kind switch
        {
            "column ZZZZZZ" => (CellAtColumnZzzzzz(city), "past column XFD"),
            "DTD" => (WithDtd(city), "document type declaration (DTD)"),
            "zip bomb" => (ZipBomb(city), "zip bomb"),
            "too many parts" => (ManyParts(city, 1_200), "at most 1,000 are accepted"),
            "huge shared strings" => (HugeSharedStrings(city, 2_100_000), "refused"),
            "row past the last" => (Build(Sheet(MissionRows(city) + $"""<row r="1048577">{Inline("A1048577", "RU")}</row>""")), "outside the rows a workbook can have"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await client.PostAsync("/api/v1/imports?target=missions", Upload(file, "missions.xlsx"));

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(city, await client.GetStringAsync("/api/v1/export/missions?format=csv"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task TheSameGoodRowInAnOrdinaryWorkbookIsImported(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var city = "Ordinary " + Unique.Name();

        var response = await client.PostAsync("/api/v1/imports?target=missions", Upload(Build(Sheet(MissionRows(city))), "missions.xlsx"));

        await response.ShouldHaveStatus(HttpStatusCode.OK);
        Assert.Contains($"RU,US,{city},Embassy,Open", await client.GetStringAsync("/api/v1/export/missions?format=csv"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AnUnsupportedEncodingIsA400NamingTheSupportedOnesAndWritesNothing(DatabaseProvider provider)
    {
        var client = Fixture.Client(provider);
        var city = "Encoded " + Unique.Name();
        var csv = Encoding.UTF8.GetBytes($"sendingState;receivingState;city;kind\nRU;US;{city};Embassy\n");

        var response = await client.PostAsync("/api/v1/imports?target=missions&encoding=utf-7", Upload(csv, "missions.csv"));

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("Encoding 'utf-7' is not supported; use one of utf-8, utf-16,", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(city, await client.GetStringAsync("/api/v1/export/missions?format=csv"), StringComparison.Ordinal);
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        return new MultipartFormDataContent { { file, "file", name } };
    }
}
