using Chancery.Core.Posts;

namespace Chancery.Web.Features.Posts.Pages;

/// <summary>How the post pages write nomination statuses and the replacement of a vacancy.</summary>
public static class PostLabels
{
    /// <summary>Nomination status as words.</summary>
    public static string Status(NominationStatus status) => status switch
    {
        NominationStatus.VisaPending => "Visa pending",
        NominationStatus.VisaRefused => "Visa refused",
        NominationStatus.VisaGranted => "Visa granted",
        var s => s.ToString(),
    };

    /// <summary>Whether a replacement is on its way (a nominee not refused, not withdrawn).</summary>
    public static bool OnItsWay(NominationView? nominee) =>
        nominee is { Status: not (NominationStatus.VisaRefused or NominationStatus.Withdrawn) };
}
