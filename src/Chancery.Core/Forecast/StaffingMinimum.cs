using Chancery.Core.Common;
using Chancery.Core.Missions;
using Chancery.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chancery.Core.Forecast;

/// <summary>
/// The fewest members of one staff category a mission needs to function, as its sending state or the protocol
/// department judges it: the line the staffing forecast measures the risk of falling below. One per mission and category.
/// </summary>
public sealed class StaffingMinimum : Entity
{
    /// <summary>The mission.</summary>
    public Guid MissionId { get; set; }

    /// <summary>The mission, when loaded.</summary>
    public Mission? Mission { get; set; }

    /// <summary>The staff category counted (members only: not private servants).</summary>
    public StaffCategory Category { get; set; }

    /// <summary>Fewest persons of the category the mission needs; 0 or more.</summary>
    public int Minimum { get; set; }
}

internal sealed class StaffingMinimumConfiguration : IEntityTypeConfiguration<StaffingMinimum>
{
    public void Configure(EntityTypeBuilder<StaffingMinimum> b)
    {
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Property(m => m.Category).HasConversion<string>().HasMaxLength(30);
        b.HasOne(m => m.Mission).WithMany().HasForeignKey(m => m.MissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.MissionId, m.Category }).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("CK_StaffingMinimums_MinimumNotNegative", "\"Minimum\" >= 0"));
    }
}
