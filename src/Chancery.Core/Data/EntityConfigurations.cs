using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Chancery.Core.Policies;
using Chancery.Core.States;
using Chancery.Core.Visas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chancery.Core.Data;

internal sealed class StateConfiguration : IEntityTypeConfiguration<State>
{
    public void Configure(EntityTypeBuilder<State> b)
    {
        b.HasKey(s => s.Code);
        b.Property(s => s.Code).HasMaxLength(2);
        b.Property(s => s.Alpha3).HasMaxLength(3);
        b.Property(s => s.Numeric).HasMaxLength(3);
        b.Property(s => s.Name).HasMaxLength(FieldLimits.Name);
        b.Property(s => s.OfficialName).HasMaxLength(200);
        b.Property(s => s.NameFr).HasMaxLength(200);
        b.Property(s => s.NameRu).HasMaxLength(200);
    }
}

internal sealed class MissionConfiguration : IEntityTypeConfiguration<Mission>
{
    public void Configure(EntityTypeBuilder<Mission> b)
    {
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Property(m => m.SendingStateCode).HasMaxLength(2);
        b.Property(m => m.ReceivingStateCode).HasMaxLength(2);
        b.Property(m => m.City).HasMaxLength(FieldLimits.Name);
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<State>().WithMany().HasForeignKey(m => m.SendingStateCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<State>().WithMany().HasForeignKey(m => m.ReceivingStateCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.ReceivingStateCode, m.SendingStateCode });
        b.HasIndex(m => new { m.SendingStateCode, m.ReceivingStateCode, m.City, m.Kind });
        // The mission list: by city (then id, the tie-breaker), and by sending or receiving state then city, filtered or sorted.
        b.HasIndex(m => new { m.City, m.Id });
        b.HasIndex(m => new { m.SendingStateCode, m.City });
        b.HasIndex(m => new { m.ReceivingStateCode, m.City });
        b.ToTable(t => t.HasCheckConstraint("CK_Missions_States_Differ", "\"SendingStateCode\" <> \"ReceivingStateCode\""));
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("People");
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.FamilyName).HasMaxLength(FieldLimits.Name);
        b.Property(p => p.GivenNames).HasMaxLength(FieldLimits.Name);
        b.Property(p => p.FamilyNameLatin).HasMaxLength(FieldLimits.Name);
        b.Property(p => p.GivenNamesLatin).HasMaxLength(FieldLimits.Name);
        b.Property(p => p.NationalityCode).HasMaxLength(2);
        b.Property(p => p.Gender).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.PassportNumber).HasMaxLength(FieldLimits.DocumentNumber);
        b.Property(p => p.PassportType).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.PassportIssuingStateCode).HasMaxLength(2);
        b.Property(p => p.SearchKey).HasMaxLength(FieldLimits.SearchKey);
        b.Ignore(p => p.DisplayName);
        b.HasOne<State>().WithMany().HasForeignKey(p => p.NationalityCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<State>().WithMany().HasForeignKey(p => p.PassportIssuingStateCode).OnDelete(DeleteBehavior.Restrict);
        // Passport numbers are unique per issuing state; rows without a passport do not collide (NULLs are distinct).
        b.HasIndex(p => new { p.PassportIssuingStateCode, p.PassportNumber }).IsUnique();
        b.HasIndex(p => p.FamilyNameLatin);
        b.HasIndex(p => p.RegisteredByUserId);
        // The people list sorted by birth; its sort by name uses an index on the name expression (SortNameIndexes migration).
        b.HasIndex(p => p.DateOfBirth);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.Category).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.EndReason).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Title).HasMaxLength(FieldLimits.Name);
        b.Property(a => a.Rank).HasMaxLength(FieldLimits.Name);
        b.Ignore(a => a.IsMember);
        b.HasOne(a => a.Person).WithMany(p => p.Assignments).HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Mission).WithMany(m => m.Assignments).HasForeignKey(a => a.MissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.MissionId, a.EndedOn });
        // A person's assignments (any, ended or not: who may see a person), and the list's default sort.
        b.HasIndex(a => a.PersonId);
        b.HasIndex(a => new { a.StartOn, a.Id });
        // At most one open assignment per person and mission; the service says so first, the index is the backstop.
        b.HasIndex(a => new { a.PersonId, a.MissionId }).IsUnique().HasFilter("\"EndedOn\" IS NULL").HasDatabaseName("IX_Assignments_OneOpenPerMission");
    }
}

internal sealed class FamilyMemberConfiguration : IEntityTypeConfiguration<FamilyMember>
{
    public void Configure(EntityTypeBuilder<FamilyMember> b)
    {
        b.Property(f => f.Version).IsConcurrencyToken();
        b.Property(f => f.Relationship).HasConversion<string>().HasMaxLength(20);
        b.HasOne(f => f.Person).WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(f => f.PrincipalAssignment).WithMany(a => a.Family).HasForeignKey(f => f.PrincipalAssignmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => new { f.PersonId, f.PrincipalAssignmentId }).IsUnique();
        b.HasIndex(f => new { f.StartOn, f.Id });
    }
}

internal sealed class VisaConfiguration : IEntityTypeConfiguration<Visa>
{
    public void Configure(EntityTypeBuilder<Visa> b)
    {
        b.Property(v => v.Version).IsConcurrencyToken();
        b.Property(v => v.IssuingStateCode).HasMaxLength(2);
        b.Property(v => v.CategoryCode).HasMaxLength(FieldLimits.Code);
        b.Property(v => v.Number).HasMaxLength(FieldLimits.DocumentNumber);
        b.Property(v => v.Entries).HasConversion<string>().HasMaxLength(10);
        b.Property(v => v.CancellationReason).HasMaxLength(FieldLimits.Note);
        b.HasOne(v => v.Holder).WithMany(p => p.Visas).HasForeignKey(v => v.HolderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<State>().WithMany().HasForeignKey(v => v.IssuingStateCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.HolderId, v.ValidUntil });
        // Alerts and travel risk: a holder's visas of one issuing state, latest last (which one is current on a date).
        // Covering (cancellation and id too), so that the alerts of a whole registry scan this index rather than the table.
        b.HasIndex(v => new { v.HolderId, v.IssuingStateCode, v.ValidUntil, v.ValidFrom, v.CancelledOn, v.Id });
        // The visa list: by end date (then id, the tie-breaker), also for one issuing state, and by start date.
        b.HasIndex(v => new { v.ValidUntil, v.Id });
        b.HasIndex(v => new { v.IssuingStateCode, v.ValidUntil, v.Id });
        b.HasIndex(v => v.ValidFrom);
        b.HasOne<Visa>().WithMany().HasForeignKey(v => v.ReplacesVisaId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Visas_ValidRange", "\"ValidUntil\" >= \"ValidFrom\""));
    }
}

internal sealed class VisaApplicationConfiguration : IEntityTypeConfiguration<VisaApplication>
{
    public void Configure(EntityTypeBuilder<VisaApplication> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.CategoryCode).HasMaxLength(FieldLimits.Code);
        b.Property(a => a.IssuingStateCode).HasMaxLength(2);
        b.Property(a => a.Notes).HasMaxLength(FieldLimits.Note);
        b.HasOne(a => a.Applicant).WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<State>().WithMany().HasForeignKey(a => a.IssuingStateCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Visa>().WithMany().HasForeignKey(a => a.ResultingVisaId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Visa>().WithMany().HasForeignKey(a => a.ReplacesVisaId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ApplicantId, a.FiledOn });
        // Processing-time statistics group by issuing state over a filing window.
        b.HasIndex(a => new { a.IssuingStateCode, a.FiledOn });
        b.HasIndex(a => a.Outcome);
        // The applications list's sorts, with the id as tie-breaker.
        b.HasIndex(a => new { a.FiledOn, a.Id });
        b.HasIndex(a => new { a.DecidedOn, a.Id });
        b.ToTable(t => t.HasCheckConstraint("CK_VisaApplications_DecidedAfterFiled", "\"DecidedOn\" IS NULL OR \"DecidedOn\" >= \"FiledOn\""));
    }
}

internal sealed class HostPolicyConfiguration : IEntityTypeConfiguration<HostPolicy>
{
    public void Configure(EntityTypeBuilder<HostPolicy> b)
    {
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.ReceivingStateCode).HasMaxLength(2);
        b.Property(p => p.SendingStateCode).HasMaxLength(2);
        b.Property(p => p.Note).HasMaxLength(FieldLimits.Note);
        b.HasOne<State>().WithMany().HasForeignKey(p => p.ReceivingStateCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<State>().WithMany().HasForeignKey(p => p.SendingStateCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.ReceivingStateCode, p.SendingStateCode, p.InForceFrom });
        b.HasOne<Reciprocity.ReciprocalMeasure>().WithMany().HasForeignKey(p => p.ReciprocalMeasureId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.ReciprocalMeasureId);
        b.ToTable(t => t.HasCheckConstraint("CK_HostPolicies_InForceRange", "\"InForceUntil\" IS NULL OR \"InForceUntil\" >= \"InForceFrom\""));
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<Audit.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Audit.AuditEntry> b)
    {
        b.HasKey(a => a.Sequence);
        // The application numbers entries itself: the number is part of the hashed content.
        b.Property(a => a.Sequence).ValueGeneratedNever();
        b.Property(a => a.UserId).HasMaxLength(64);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(16);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(128);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.PersonId);
        b.HasIndex(a => a.UserName);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<Accounts.ChanceryUser>
{
    public void Configure(EntityTypeBuilder<Accounts.ChanceryUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(FieldLimits.Name);
        b.Property(u => u.ProtocolStateCode).HasMaxLength(2);
        b.HasMany(u => u.Missions).WithOne().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserMissionConfiguration : IEntityTypeConfiguration<Accounts.UserMission>
{
    public void Configure(EntityTypeBuilder<Accounts.UserMission> b)
    {
        b.HasKey(m => new { m.UserId, m.MissionId });
        b.HasOne<Missions.Mission>().WithMany().HasForeignKey(m => m.MissionId).OnDelete(DeleteBehavior.Cascade);
    }
}
