using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Data;
using Chancery.Core.Missions;
using Chancery.Core.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.LoadHost;

/// <summary>
/// The server side of <c>bench … load</c>: the real Chancery.Web (its Program, middleware and endpoints, Release build,
/// Production environment) on Kestrel, over a SQLite file or a PostgreSQL database, plus one endpoint that exists only
/// here: <c>GET /bench/raw/missions</c>, the mission list's first page written with a data reader and a
/// <see cref="Utf8JsonWriter"/>, behind the same middleware (it is reached once routing finds no endpoint of the app, so
/// authentication, the account check, authorization's fallback policy and the rest have run). Creates three accounts
/// (administrator, protocol officer of the United States, administrator of the Washington embassy) with a password made
/// now, prints them and the address, then serves until its standard input closes.
/// <code>Chancery.LoadHost --provider Sqlite|Postgres --connection "…" [--demo]</code>
/// </summary>
public static class LoadHostMain
{
    public static async Task<int> Main(string[] args)
    {
        var provider = Option(args, "--provider") ?? "Sqlite";
        var connection = Option(args, "--connection") ?? throw new ArgumentException("--connection is required");
        var demo = args.Contains("--demo");
        await using var factory = new Factory(provider, connection, demo);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var url = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        var password = "load " + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        foreach (var (email, roles, missions, state) in await AccountsAsync(factory.Services))
        {
            await using var scope = factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessScopeOverride>().Scope = AccessScope.System;
            var users = scope.ServiceProvider.GetRequiredService<UserService>();
            var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
            var normalized = email.ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized))
                await ResetPasswordAsync(db, email, password);
            else
                await users.CreateAsync(new NewUserInput(email, password, roles, missions, state), default);
            Console.WriteLine($"ACCOUNT {email} {password}");
        }
        Console.WriteLine($"PID {Environment.ProcessId}");
        Console.WriteLine($"READY {url}");
        // Until the load command closes our standard input (or goes away).
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task<List<(string Email, string[] Roles, Guid[] Missions, string? State)>> AccountsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChanceryDbContext>();
        var washington = await db.Missions.Where(m => m.SendingStateCode == "RU" && m.ReceivingStateCode == "US" && m.Kind == MissionKind.Embassy)
            .OrderBy(m => m.Id).Select(m => m.Id).FirstOrDefaultAsync();
        var embassy = washington == Guid.Empty ? await db.Missions.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync() : washington;
        return
        [
            ("load-admin@bench.invalid", [Roles.Administrator], [], null),
            ("load-protocol@bench.invalid", [Roles.ProtocolOfficer], [], "US"),
            ("load-mission@bench.invalid", [Roles.MissionAdministrator], [embassy], null),
        ];
    }

    /// <summary>An existing bench account (a database reused from an earlier run) gets this run's password.</summary>
    private static async Task ResetPasswordAsync(ChanceryDbContext db, string email, string password)
    {
        var normalized = email.ToUpperInvariant();
        var user = await db.Users.SingleAsync(u => u.NormalizedEmail == normalized);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<ChanceryUser>();
        user.PasswordHash = hasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class Factory(string provider, string connection, bool demo) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            // The web project's folder (static files), found from the repository this runs in.
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Chancery.slnx")))
                {
                    builder.UseContentRoot(Path.Combine(dir.FullName, "src", "Chancery.Web"));
                    break;
                }
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:Chancery", connection);
            builder.UseSetting("Demo", demo ? "true" : "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Security:SignInAttemptsPerMinute", "100000");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RawEndpoint>());
        }
    }

    /// <summary>Adds the raw endpoint after the app's whole pipeline: a request reaches it when no endpoint of the app matched.</summary>
    private sealed class RawEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(RawMissions.HandleAsync);
        };
    }
}

/// <summary>
/// The mission list (<c>GET /api/v1/missions</c>, system or administrator scope, sorted by city then id) as a competent
/// engineer would write it by hand: two commands on one connection (the count, then the page with each mission's staff
/// counted in a subquery), read with a data reader, written straight to the response with a <see cref="Utf8JsonWriter"/>
/// in the API's JSON shape. Only for callers who see every mission (administrators, auditors).
/// </summary>
internal static class RawMissions
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != "/bench/raw/missions")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (context.User.Identity?.IsAuthenticated != true || !context.User.IsInRole(Roles.Administrator))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        var page = int.TryParse(context.Request.Query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        var size = int.TryParse(context.Request.Query["pageSize"], CultureInfo.InvariantCulture, out var s) ? s : 50;
        var services = context.RequestServices;
        var settings = services.GetRequiredService<DatabaseSettings>();
        var today = services.GetRequiredService<DefaultAsOf>().Today();
        await using var connection = settings.Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnection(settings.ConnectionString)
            : (System.Data.Common.DbConnection)new Microsoft.Data.Sqlite.SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(context.RequestAborted);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM \"Missions\"";
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(context.RequestAborted), CultureInfo.InvariantCulture);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m."Id", m."SendingStateCode", m."ReceivingStateCode", m."Kind", m."City", m."Status", m."OpenedOn", m."ClosedOn", m."Version",
              (SELECT COUNT(*) FROM "Assignments" AS a WHERE a."MissionId" = m."Id" AND a."Category" <> 'PrivateServant'
                 AND a."StartOn" <= @today AND (a."EndedOn" IS NULL OR a."EndedOn" >= @today))
            FROM "Missions" AS m ORDER BY m."City", m."Id" LIMIT @take OFFSET @skip
            """;
        Add(command, "@today", settings.Provider == DatabaseProvider.Postgres ? today : today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(command, "@take", size);
        Add(command, "@skip", (page - 1) * size);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter.AsStream());
        json.WriteStartObject();
        json.WriteStartArray("items");
        await using (var reader = await command.ExecuteReaderAsync(context.RequestAborted))
        {
            while (await reader.ReadAsync(context.RequestAborted))
            {
                var sending = reader.GetString(1);
                var receiving = reader.GetString(2);
                var kind = Enum.Parse<MissionKind>(reader.GetString(3));
                var sendingName = StateCodes.NameOf(sending);
                json.WriteStartObject();
                json.WriteString("id", reader.GetGuid(0));
                json.WriteString("sendingStateCode", sending);
                json.WriteString("sendingStateName", sendingName);
                json.WriteString("receivingStateCode", receiving);
                json.WriteString("receivingStateName", StateCodes.NameOf(receiving));
                json.WriteString("kind", reader.GetString(3));
                json.WriteString("city", reader.GetString(4));
                json.WriteString("status", reader.GetString(5));
                WriteDate(json, "openedOn", reader, 6);
                WriteDate(json, "closedOn", reader, 7);
                json.WriteNumber("staffCount", Convert.ToInt32(reader.GetValue(9), CultureInfo.InvariantCulture));
                json.WriteNumber("version", reader.GetInt32(8));
                json.WriteString("label", $"{MissionLabels.Kind(kind)} of {sendingName} in {reader.GetString(4)}");
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        json.WriteNumber("total", total);
        json.WriteNumber("pageNumber", page);
        json.WriteNumber("pageSize", size);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static void WriteDate(Utf8JsonWriter json, string name, System.Data.Common.DbDataReader reader, int ordinal)
    {
        // SQLite keeps dates as text, PostgreSQL as dates.
        if (reader.IsDBNull(ordinal)) json.WriteNull(name);
        else if (reader.GetFieldType(ordinal) == typeof(string)) json.WriteString(name, reader.GetString(ordinal));
        else json.WriteString(name, reader.GetFieldValue<DateOnly>(ordinal).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
