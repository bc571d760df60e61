using System.CommandLine;
using Chancery.Cli.Output;
using Chancery.Core.Missions;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Cli.Missions;

/// <summary>`chancery missions ...`.</summary>
internal static class MissionsCommands
{
    public static Command Create()
    {
        var sending = new Option<string?>("--sending") { Description = "Only missions sent by this state (ISO code, e.g. FR)." };
        var receiving = new Option<string?>("--receiving") { Description = "Only missions in this receiving state (ISO code)." };
        var list = new Command("list", "List missions with their current staff count.") { sending, receiving };
        list.SetListAction(
            (parsed, services, page, ct) => services.GetRequiredService<MissionService>().ListAsync(
                new MissionQuery(SendingState: parsed.GetValue(sending), ReceivingState: parsed.GetValue(receiving)), page, ct),
            new Column<MissionDto>("Id", m => m.Id),
            new Column<MissionDto>("Kind", m => MissionLabels.Kind(m.Kind)),
            new Column<MissionDto>("Sending", m => m.SendingStateCode),
            new Column<MissionDto>("Receiving", m => m.ReceivingStateCode),
            new Column<MissionDto>("City", m => m.City),
            new Column<MissionDto>("Status", m => m.Status),
            new Column<MissionDto>("Staff", m => m.StaffCount));
        return new Command("missions", "Diplomatic and consular missions.") { list };
    }
}
