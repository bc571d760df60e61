namespace Chancery.Core.Policies;

/// <summary>Pure rules about host policies: data and a date in, an answer out.</summary>
public static class PolicyRules
{
    /// <summary>Whether <paramref name="policy"/> is in force on <paramref name="date"/> (both ends inclusive).</summary>
    public static bool IsInForce(HostPolicy policy, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.InForceFrom <= date && (policy.InForceUntil is not { } until || date <= until);
    }

    /// <summary>
    /// The policy <paramref name="receiving"/> applies to staff of <paramref name="sending"/> on <paramref name="date"/>:
    /// one narrowed to that sending state beats one for all sending states (VCDR art. 47: reciprocity is per state).
    /// Null when none is in force.
    /// </summary>
    public static HostPolicy? InForce(IEnumerable<HostPolicy> policies, string receiving, string? sending, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(policies);
        HostPolicy? general = null;
        foreach (var p in policies)
        {
            if (!string.Equals(p.ReceivingStateCode, receiving, StringComparison.OrdinalIgnoreCase) || !IsInForce(p, date)) continue;
            if (p.SendingStateCode is null) general ??= p;
            else if (sending is not null && string.Equals(p.SendingStateCode, sending, StringComparison.OrdinalIgnoreCase)) return p;
        }
        return general;
    }
}
