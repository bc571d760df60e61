using Chancery.Core.Common;
using Chancery.Core.Departures;
using Chancery.Core.Missions;
using Chancery.Core.Policies;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chancery.Core.Data;

internal sealed class DepartureOrderConfiguration : IEntityTypeConfiguration<DepartureOrder>
{
    public void Configure(EntityTypeBuilder<DepartureOrder> b)
    {
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Basis).HasMaxLength(FieldLimits.Note);
        b.HasOne(o => o.Mission).WithMany().HasForeignKey(o => o.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Persons).WithOne(p => p.Order).HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => new { o.MissionId, o.IssuedOn });
        b.HasIndex(o => o.ReciprocalMeasureId);
        b.HasOne<Reciprocity.ReciprocalMeasure>().WithMany().HasForeignKey(o => o.ReciprocalMeasureId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_DepartureOrders_LeaveByAfterIssued", "\"LeaveBy\" >= \"IssuedOn\""));
    }
}

internal sealed class DepartureOrderPersonConfiguration : IEntityTypeConfiguration<DepartureOrderPerson>
{
    public void Configure(EntityTypeBuilder<DepartureOrderPerson> b)
    {
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.PreviousEndReason).HasConversion<string>().HasMaxLength(30);
        b.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Assignment).WithMany().HasForeignKey(p => p.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.FamilyEnded).WithOne().HasForeignKey(f => f.DepartureOrderPersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.OrderId, p.PersonId }).IsUnique();
        b.HasIndex(p => p.AssignmentId);
        // A person is pending under one order at most; the service says so first (409), the index is the backstop.
        b.HasIndex(p => p.PersonId).IsUnique().HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_DepartureOrderPersons_OnePending");
    }
}

internal sealed class DepartedFamilyMemberConfiguration : IEntityTypeConfiguration<DepartedFamilyMember>
{
    public void Configure(EntityTypeBuilder<DepartedFamilyMember> b)
    {
        b.Property(f => f.Version).IsConcurrencyToken();
        b.HasOne(f => f.FamilyMember).WithMany().HasForeignKey(f => f.FamilyMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => new { f.DepartureOrderPersonId, f.FamilyMemberId }).IsUnique();
        b.HasIndex(f => f.FamilyMemberId);
    }
}

internal sealed class StaffingCapConfiguration : IEntityTypeConfiguration<StaffingCap>
{
    public void Configure(EntityTypeBuilder<StaffingCap> b)
    {
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.ReceivingStateCode).HasMaxLength(2);
        b.Property(c => c.SendingStateCode).HasMaxLength(2);
        b.Property(c => c.Category).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Note).HasMaxLength(FieldLimits.Note);
        b.HasOne<State>().WithMany().HasForeignKey(c => c.ReceivingStateCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<State>().WithMany().HasForeignKey(c => c.SendingStateCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Mission).WithMany().HasForeignKey(c => c.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.ReceivingStateCode, c.SendingStateCode, c.InForceFrom });
        b.HasIndex(c => c.ReciprocalMeasureId);
        b.HasOne<Reciprocity.ReciprocalMeasure>().WithMany().HasForeignKey(c => c.ReciprocalMeasureId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_StaffingCaps_InForceRange", "\"InForceUntil\" IS NULL OR \"InForceUntil\" >= \"InForceFrom\"");
            t.HasCheckConstraint("CK_StaffingCaps_LimitNotNegative", "\"Limit\" >= 0");
        });
    }
}
