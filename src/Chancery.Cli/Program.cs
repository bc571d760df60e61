using Chancery.Cli.Alerts;
using Chancery.Cli.Audit;
using Chancery.Cli.Backup;
using Chancery.Cli.Database;
using Chancery.Cli.Demo;
using Chancery.Cli.Departures;
using Chancery.Cli.Export;
using Chancery.Cli.Forecast;
using Chancery.Cli.Hosting;
using Chancery.Cli.Import;
using Chancery.Cli.Missions;
using Chancery.Cli.People;
using Chancery.Cli.Posts;
using Chancery.Cli.Reciprocity;
using Chancery.Cli.States;
using Chancery.Cli.TravelRisk;
using Chancery.Cli.Users;

var root = CliHost.CreateRootCommand(
    DbCommands.Create(),
    DemoCommands.Create(),
    MissionsCommands.Create(),
    PeopleCommands.Create(),
    DeparturesCommands.Create(),
    StatesCommands.Create(),
    TravelRiskCommands.Create(),
    UsersCommands.Create(),
    AuditCommands.Create(),
    AlertsCommands.Create(),
    VisaStatisticsCommands.Create(),
    PostsCommands.Headcount(),
    PostsCommands.Vacancies(),
    ForecastCommands.Create(),
    ParityCommands.Create(WorldParityCommand.Create()),
    ParityCommands.Measures(),
    ImportCommands.Import(),
    ExportCommands.Create(ImportCommands.ExportOf(Chancery.Core.Import.ImportTarget.People), ImportCommands.ExportOf(Chancery.Core.Import.ImportTarget.Missions)),
    BackupCommands.Create());
return await CliHost.RunAsync(root, args).ConfigureAwait(false);
