using Chancery.Core.People;

namespace Chancery.Core.Reciprocity;

/// <summary>
/// The measure the target state could take in return to restore the gap a measure changed: informational, never applied.
/// </summary>
public sealed record MirrorMeasure(
    Guid MeasureId, string ActingStateCode, string TargetStateCode, ReciprocalMeasureKind Kind, int? Magnitude, int? NoticeDays,
    StaffCategory? Category, string Description, string Basis, DateOnly CountedOn);

/// <summary>Pure mirror calculation (VCDR art. 47(2)(a): a state may answer restrictive treatment with the same treatment).</summary>
public static class MirrorRules
{
    /// <summary>
    /// The mirror of <paramref name="measure"/> (taken by B against A), with its basis, from <paramref name="parity"/>: the parity
    /// between B (its A) and A (its B) on the day the measure came into force.
    /// </summary>
    public static MirrorMeasure Mirror(ReciprocalMeasure measure, Parity parity)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(parity);
        if (parity.A != measure.ActingStateCode || parity.B != measure.TargetStateCode)
            throw new ArgumentException("The parity must be between the measure's acting state (A) and its target (B).", nameof(parity));
        var actor = measure.ActingStateCode;
        var target = measure.TargetStateCode;
        // Where the mirror would bite: the actor's own missions in the target state.
        var exposed = parity.AInB;
        var hit = parity.BInA;
        var on = parity.AsOf;
        var actorName = StateNames.Subject(actor);
        var targetName = StateNames.Subject(target);
        var actors = StateNames.Possessive(actor);
        var targets = StateNames.Possessive(target);
        var said = $"{StateNames.Capitalised(ReciprocityRules.Describe(measure))} (in force from {on:yyyy-MM-dd})";
        var n = measure.Magnitude;

        (int? magnitude, string basis) = measure.Kind switch
        {
            ReciprocalMeasureKind.Expulsion => Expulsion(),
            ReciprocalMeasureKind.MissionSizeCap => Cap(exposed.Members.Now, "members"),
            ReciprocalMeasureKind.CategoryCap => Cap(exposed.Categories.FirstOrDefault(c => c.Category == measure.Category)?.Count.Now ?? 0, "of that category"),
            ReciprocalMeasureKind.LocalHiringBan =>
                (null, $"{said}. {StateNames.Capitalised(actors)} missions in {targetName} employ {Local()} locally engaged staff on {on:yyyy-MM-dd}; the same ban would leave them none."),
            ReciprocalMeasureKind.VisaSlowdown => Slowdown(),
            ReciprocalMeasureKind.VisaValidityLimit =>
                (n, $"{said}. The same limit on visas {targetName} gives {actors} staff restores parity; {targets} policy in force allows {Days(exposed.Visas.MaxValidityDays)}."),
            ReciprocalMeasureKind.VisaReapplicationRule =>
                (n, $"{said}. The same rule for {actors} staff in {targetName} restores parity; {targets} policy in force says {(exposed.Visas.ReapplyAfterYears is { } y ? $"reapply after {y} years" : "nothing about reapplying")}."),
            ReciprocalMeasureKind.TravelNotificationRule =>
                (n, $"{said}. The same rule for {actors} staff in {targetName}, with the same radius and notice, restores parity."),
            ReciprocalMeasureKind.MissionClosure =>
                (1, $"{said}. {StateNames.Capitalised(actorName)} holds {exposed.Missions} open {(exposed.Missions == 1 ? "mission" : "missions")} in {targetName} on {on:yyyy-MM-dd}; closing one of the same kind restores parity."),
            ReciprocalMeasureKind.AmbassadorRecalled =>
                (null, $"{said}. The mirror is {targetName} recalling its own ambassador to {actorName} for as long; it changes no count."),
            _ => (null, $"{said}. Sanctions have no measure in persons or days: a mirror is a political choice, not a count."),
        };

        var mirror = new ReciprocalMeasure
        {
            ActingStateCode = target,
            TargetStateCode = actor,
            Kind = measure.Kind,
            Magnitude = magnitude,
            NoticeDays = measure.NoticeDays,
            Category = measure.Category,
            AnnouncedOn = on,
            InForceFrom = on,
        };
        return new MirrorMeasure(measure.Id, target, actor, measure.Kind, magnitude, measure.NoticeDays, measure.Category,
            StateNames.Capitalised(ReciprocityRules.Describe(mirror)), basis, on);

        (int?, string) Expulsion()
        {
            var persons = n ?? 0;
            var there = exposed.DiplomaticAgents.Now;
            var basis = $"{said} changed the gap by {ReciprocityRules.Count(persons, "person", "persons")}. Expelling as many of {actors} staff in {targetName} restores it";
            if (there < persons)
                return (there, $"{basis}, but {actorName} holds only {there} diplomats there on {on:yyyy-MM-dd}: the mirror can reach {there}.");
            return (persons, $"{basis}; {actorName} holds {there} diplomats there on {on:yyyy-MM-dd}.");
        }

        (int?, string) Cap(int count, string what)
        {
            var limit = n ?? 0;
            var over = count - limit;
            return (limit, $"{said}. The same cap of {limit} on {actors} missions in {targetName} restores parity; they count {count} {what} on {on:yyyy-MM-dd}" +
                (over > 0 ? $", {over} over it." : ", within it."));
        }

        int Local() => exposed.Categories.FirstOrDefault(c => c.Category == StaffCategory.LocallyEngaged)?.Count.Now ?? 0;

        (int?, string) Slowdown()
        {
            var theirs = hit.Visas.MedianDays;
            var ours = exposed.Visas.MedianDays;
            if (theirs is null)
                return (n, $"{said}. No decided applications of {targets} staff in the year before: the mirror's days cannot be counted yet.");
            return (theirs, $"{said}. {StateNames.Capitalised(actors)} visas for {targets} staff take a median {theirs} days; {targets} for {actors} staff take {(ours is { } o ? $"{o}" : "no decided")} days; issuing in {theirs} days restores parity.");
        }

        static string Days(int? d) => d is { } v ? $"{v} days" : "no limit";
    }
}
