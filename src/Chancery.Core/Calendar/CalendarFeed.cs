using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chancery.Core.Calendar;

/// <summary>
/// A secret calendar address of one account. Only the SHA-256 of its token is stored: the token is shown once, when the
/// feed is created, and a leaked database does not give the addresses away. A revoked feed answers 404 for ever.
/// </summary>
public sealed class CalendarFeed : Entity
{
    /// <summary>The account whose scope the feed shows.</summary>
    public Guid UserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>A label the owner chose ("phone"), to tell feeds apart.</summary>
    public string? Name { get; set; }

    /// <summary>When the feed was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the owner revoked it; null while it works.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.Property(f => f.Version).IsConcurrencyToken();
        b.Property(f => f.TokenHash).HasMaxLength(64);
        b.Property(f => f.Name).HasMaxLength(FieldLimits.Name);
        b.HasIndex(f => f.TokenHash).IsUnique();
        b.HasIndex(f => f.UserId);
        b.HasOne<ChanceryUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
