using Chancery.Core.Common;
using Chancery.Core.Policies;
using Chancery.Core.States;
using Chancery.Web.Components.Shared;

namespace Chancery.Web.Features.HostPolicies.Pages;

/// <summary>The host policy form; property names are the API's field names in PascalCase, so errors land next to their field.</summary>
public sealed class HostPolicyFields
{
    /// <summary>Receiving state.</summary>
    public string? ReceivingStateCode { get; set; }
    /// <summary>Sending state; blank for all.</summary>
    public string? SendingStateCode { get; set; }
    /// <summary>First day in force.</summary>
    public string? InForceFrom { get; set; }
    /// <summary>Last day in force; blank while open-ended.</summary>
    public string? InForceUntil { get; set; }
    /// <summary>Longest visa validity, days.</summary>
    public int? MaxVisaValidityDays { get; set; }
    /// <summary>Years in post after which a new visa is needed.</summary>
    public int? ReapplyAfterYears { get; set; }
    /// <summary>Renewal lead time, days.</summary>
    public int? RenewalLeadDays { get; set; }
    /// <summary>Grace period after expiry, days.</summary>
    public int? GraceDays { get; set; }
    /// <summary>Whether family visas end with the principal's.</summary>
    public bool FamilyVisasEndWithPrincipal { get; set; }
    /// <summary>Note.</summary>
    public string? Note { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }
    /// <summary>The reciprocal measure the policy implements, kept through an edit.</summary>
    public Guid? ReciprocalMeasureId { get; set; }

    /// <summary>The form filled from a stored policy.</summary>
    public static HostPolicyFields From(HostPolicyDto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            ReceivingStateCode = p.ReceivingStateCode,
            SendingStateCode = p.SendingStateCode,
            InForceFrom = IsoDate.Format(p.InForceFrom),
            InForceUntil = IsoDate.Format(p.InForceUntil),
            MaxVisaValidityDays = p.MaxVisaValidityDays,
            ReapplyAfterYears = p.ReapplyAfterYears,
            RenewalLeadDays = p.RenewalLeadDays,
            GraceDays = p.GraceDays,
            FamilyVisasEndWithPrincipal = p.FamilyVisasEndWithPrincipal,
            Note = p.Note,
            Version = p.Version,
            ReciprocalMeasureId = p.ReciprocalMeasureId,
        };
    }

    /// <summary>What the service takes; a date not written as yyyy-MM-dd is a field error.</summary>
    public HostPolicyInput ToInput()
    {
        var errors = new Validator();
        var input = new HostPolicyInput(
            ReceivingStateCode, SendingStateCode, IsoDate.Read(errors, "inForceFrom", InForceFrom), IsoDate.Read(errors, "inForceUntil", InForceUntil),
            MaxVisaValidityDays, ReapplyAfterYears, RenewalLeadDays, GraceDays, FamilyVisasEndWithPrincipal, Note, Version, ReciprocalMeasureId);
        errors.ThrowIfAny();
        return input;
    }

    /// <summary>The policy in words: "the policy of Norway for Iceland, in force from 2031-01-01 until 2031-12-31".</summary>
    public static string Describe(HostPolicyDto p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var sending = p.SendingStateCode is { } s ? StateCodes.NameOf(s) : "all sending states";
        var until = p.InForceUntil is { } u ? $" until {Show.Date(u)}" : ", with no end";
        return $"the policy of {StateCodes.NameOf(p.ReceivingStateCode)} for {sending}, in force from {Show.Date(p.InForceFrom)}{until}";
    }

    /// <summary>The list's address filtered to the policy's receiving state, where the user goes after saving.</summary>
    public static string ListOf(string receivingStateCode) => $"/host-policies?receiving={Uri.EscapeDataString(receivingStateCode)}";
}

/// <summary>The form that ends a policy: its last day in force, and the version read.</summary>
public sealed class HostPolicyEndFields
{
    /// <summary>Last day in force.</summary>
    public string? InForceUntil { get; set; }
    /// <summary>Version read.</summary>
    public int? Version { get; set; }
}
