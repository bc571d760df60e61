using Chancery.Core.Common;
using Chancery.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chancery.Core.Posts;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.Title).HasMaxLength(FieldLimits.Name);
        b.Property(p => p.Category).HasConversion<string>().HasMaxLength(30);
        b.Property(p => p.Notes).HasMaxLength(FieldLimits.Note);
        b.HasOne(p => p.Mission).WithMany().HasForeignKey(p => p.MissionId).OnDelete(DeleteBehavior.Restrict);
        // The holder history: assignments linked to the post.
        b.HasMany<Assignment>().WithOne().HasForeignKey(a => a.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.MissionId);
        b.ToTable(t => t.HasCheckConstraint("CK_Posts_AbolishedAfterEstablished", "\"AbolishedOn\" IS NULL OR \"AbolishedOn\" >= \"EstablishedOn\""));
    }
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Nomination> b)
    {
        b.Property(n => n.Version).IsConcurrencyToken();
        b.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Notes).HasMaxLength(FieldLimits.Note);
        b.HasOne(n => n.Post).WithMany().HasForeignKey(n => n.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Nominee).WithMany().HasForeignKey(n => n.NomineeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Visas.VisaApplication>().WithMany().HasForeignKey(n => n.VisaApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => n.PostId);
        b.HasIndex(n => n.NomineeId);
        b.ToTable(t => t.HasCheckConstraint("CK_Nominations_ArrivalAfterNomination", "\"ExpectedArrivalOn\" IS NULL OR \"ExpectedArrivalOn\" >= \"NominatedOn\""));
    }
}
