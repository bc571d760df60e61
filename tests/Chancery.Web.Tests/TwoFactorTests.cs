using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Chancery.Core.Accounts;
using Chancery.Core.Data;
using Chancery.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Chancery.Web.Tests;

/// <summary>Optional TOTP two-factor sign-in for API clients.</summary>
public sealed class TwoFactorTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Theory, MemberData(nameof(Providers))]
    public async Task AccountWithTwoFactorNeedsTheAuthenticatorCodeToGetAToken(DatabaseProvider provider)
    {
        var app = Fixture.App(provider);
        var account = TestAccount.MissionAdministrator("two-factor-" + Guid.NewGuid().ToString("N")[..8]);
        await app.Accounts.EnsureAsync(account);
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChanceryUser>>();
            var user = (await users.FindByEmailAsync(account.Email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        using var client = Fixture.ClientAs(provider, null);

        var withoutCode = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = TestAccount.Password });
        var wrongCode = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = TestAccount.Password, twoFactorCode = "000000" == Totp(key) ? "111111" : "000000" });
        var withCode = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = TestAccount.Password, twoFactorCode = Totp(key) });

        var problem = await withoutCode.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("twoFactorCode", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await wrongCode.ShouldBeProblem(HttpStatusCode.Unauthorized);
        await withCode.ShouldHaveStatus(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty((await withCode.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()));
    }

    /// <summary>The current RFC 6238 code (SHA-1, 30-second steps, six digits) for a Base32 key, as an authenticator app shows it.</summary>
    private static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; this reproduces one.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
