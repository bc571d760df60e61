using Chancery.Core.Common;
using Chancery.Core.Reciprocity;
using Chancery.Core.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chancery.Core.Data;

internal sealed class ReciprocalMeasureConfiguration : IEntityTypeConfiguration<ReciprocalMeasure>
{
    public void Configure(EntityTypeBuilder<ReciprocalMeasure> b)
    {
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Property(m => m.ActingStateCode).HasMaxLength(2);
        b.Property(m => m.TargetStateCode).HasMaxLength(2);
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.Category).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.Source).HasMaxLength(FieldLimits.Note);
        b.HasOne<State>().WithMany().HasForeignKey(m => m.ActingStateCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<State>().WithMany().HasForeignKey(m => m.TargetStateCode).OnDelete(DeleteBehavior.Restrict);
        // A measure answered by another is not deleted from under it: the service says so first (409).
        b.HasOne(m => m.InResponseTo).WithMany().HasForeignKey(m => m.InResponseToId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.ActingStateCode, m.TargetStateCode, m.AnnouncedOn });
        b.HasIndex(m => m.InResponseToId);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_ReciprocalMeasures_States", "\"ActingStateCode\" <> \"TargetStateCode\"");
            t.HasCheckConstraint("CK_ReciprocalMeasures_InForceAfterAnnounced", "\"InForceFrom\" >= \"AnnouncedOn\"");
            t.HasCheckConstraint("CK_ReciprocalMeasures_EndedAfterInForce", "\"EndedOn\" IS NULL OR \"EndedOn\" >= \"InForceFrom\"");
            t.HasCheckConstraint("CK_ReciprocalMeasures_MagnitudeNotNegative", "\"Magnitude\" IS NULL OR \"Magnitude\" >= 0");
        });
    }
}
