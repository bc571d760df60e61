using Chancery.Core.Departures;

namespace Chancery.Web.Features.Departures.Pages;

/// <summary>How departure orders read on a page.</summary>
public static class DepartureLabels
{
    /// <summary>"Persona non grata (VCDR art. 9)" rather than PersonaNonGrata.</summary>
    public static string Kind(DepartureOrderKind kind) => kind switch
    {
        DepartureOrderKind.PersonaNonGrata => "Persona non grata (VCDR art. 9)",
        DepartureOrderKind.AskedToLeave => "Asked to leave",
        _ => "Size reduction (VCDR art. 11)",
    };

    /// <summary>"Overstayed" rather than the enum name.</summary>
    public static string Progress(DepartureProgress progress) => progress switch
    {
        DepartureProgress.Pending => "Pending",
        DepartureProgress.Overstayed => "Overstayed",
        DepartureProgress.Departed => "Departed",
        _ => "Rescinded",
    };

    /// <summary>Every field error of a refused command, in one line.</summary>
    public static string Errors(Chancery.Core.Common.ValidationFailedException ex) =>
        string.Join(" ", ex.Errors.SelectMany(e => e.Value));
}
