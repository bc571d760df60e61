using Chancery.Core.Common;
using Chancery.Core.Visas;
using Chancery.Web.Components.Shared;

namespace Chancery.Web.Features.Visas.Pages;

/// <summary>The visa form; property names are the API's field names in PascalCase, so errors land next to their field.</summary>
public sealed class VisaFields
{
    /// <summary>The holder.</summary>
    public Guid? HolderId { get; set; }
    /// <summary>Issuing state.</summary>
    public string? IssuingStateCode { get; set; }
    /// <summary>Category code.</summary>
    public string? CategoryCode { get; set; }
    /// <summary>Visa number.</summary>
    public string? Number { get; set; }
    /// <summary>Date of issue.</summary>
    public string? IssuedOn { get; set; }
    /// <summary>First valid day.</summary>
    public string? ValidFrom { get; set; }
    /// <summary>Last valid day.</summary>
    public string? ValidUntil { get; set; }
    /// <summary>Entries allowed.</summary>
    public VisaEntries? Entries { get; set; }
    /// <summary>Entries used.</summary>
    public int? EntriesUsed { get; set; }
    /// <summary>Cancellation date.</summary>
    public string? CancelledOn { get; set; }
    /// <summary>Cancellation reason.</summary>
    public string? CancellationReason { get; set; }
    /// <summary>Version read, for edits.</summary>
    public int? Version { get; set; }

    /// <summary>The form filled from a stored visa.</summary>
    public static VisaFields From(VisaDto v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new()
        {
            HolderId = v.HolderId,
            IssuingStateCode = v.IssuingStateCode,
            CategoryCode = v.CategoryCode,
            Number = v.Number,
            IssuedOn = IsoDate.Format(v.IssuedOn),
            ValidFrom = IsoDate.Format(v.ValidFrom),
            ValidUntil = IsoDate.Format(v.ValidUntil),
            Entries = v.Entries,
            EntriesUsed = v.EntriesUsed,
            CancelledOn = IsoDate.Format(v.CancelledOn),
            CancellationReason = v.CancellationReason,
            Version = v.Version,
        };
    }

    /// <summary>What the service takes; a date not written as yyyy-MM-dd is a field error.</summary>
    public VisaInput ToInput()
    {
        var errors = new Validator();
        var input = new VisaInput(
            HolderId, IssuingStateCode, CategoryCode, IsoDate.Read(errors, "validFrom", ValidFrom), IsoDate.Read(errors, "validUntil", ValidUntil),
            Entries, Number, IsoDate.Read(errors, "issuedOn", IssuedOn), EntriesUsed,
            IsoDate.Read(errors, "cancelledOn", CancelledOn), CancellationReason, Version);
        errors.ThrowIfAny();
        return input;
    }
}
