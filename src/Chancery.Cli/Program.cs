using Chancery.Cli.Database;
using Chancery.Cli.Demo;
using Chancery.Cli.Hosting;
using Chancery.Cli.Missions;
using Chancery.Cli.People;
using Chancery.Cli.States;

var root = CliHost.CreateRootCommand(
    DbCommands.Create(),
    DemoCommands.Create(),
    MissionsCommands.Create(),
    PeopleCommands.Create(),
    StatesCommands.Create());
return await CliHost.RunAsync(root, args).ConfigureAwait(false);
