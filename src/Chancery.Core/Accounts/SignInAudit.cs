using System.Text.Json;
using Chancery.Core.Audit;
using Chancery.Core.Data;

namespace Chancery.Core.Accounts;

/// <summary>What became of a sign-in attempt, as the audit trail's action names it.</summary>
public static class SignInActions
{
    /// <summary>Signed in.</summary>
    public const string Succeeded = "SignInSucceeded";
    /// <summary>Password right; the two-factor code is awaited.</summary>
    public const string NeedsCode = "SignInNeedsCode";
    /// <summary>Wrong password or code, unknown or disabled account.</summary>
    public const string Failed = "SignInFailed";
    /// <summary>Refused because the account is locked (or this failure locked it).</summary>
    public const string LockedOut = "SignInLockedOut";
    /// <summary>Signed out: the session ended.</summary>
    public const string SignedOut = "SignedOut";
    /// <summary>A replaced refresh token was presented again: its sign-in was revoked.</summary>
    public const string TokenReused = "TokenReused";
}

/// <summary>
/// Records sign-in attempts, sign-outs and refresh-token reuse in the audit trail (entity type "SignIn"): who (the e-mail
/// given and the account, if any), how (web or api), from where (client address), what became of it and why. Never the
/// password or code.
/// </summary>
public sealed class SignInAudit(ChanceryDbContext db)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Appends one entry and saves it.</summary>
    public async Task RecordAsync(string action, string email, Guid? userId, string channel, string? address, string? reason, Guid? sessionId, CancellationToken ct)
    {
        var who = string.IsNullOrWhiteSpace(email) ? "(none given)" : email.Trim();
        if (who.Length > 200) who = who[..200] + "…";
        db.Actor = new FixedActor(who, userId?.ToString());
        var changes = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["address"] = Change(address),
            ["channel"] = Change(channel),
        };
        if (reason is not null) changes["reason"] = Change(reason);
        if (sessionId is not null) changes["session"] = Change(sessionId.ToString());
        db.AddAuditNote(new PendingAudit(action, "SignIn", userId?.ToString() ?? who, null, null, JsonSerializer.Serialize(changes, Json)));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private static Dictionary<string, string?> Change(string? after) => new(StringComparer.Ordinal) { ["before"] = null, ["after"] = after };
}
