using Chancery.Core.Accounts;
using Chancery.Core.Common;
using Chancery.Core.Tests.Builders;
using Chancery.Core.Tests.Infrastructure;

namespace Chancery.Core.Tests.Accounts;

/// <summary>OWASP ASVS 5.0 §6.2 as applied to accounts: length, no composition rules, common passwords refused.</summary>
public sealed class PasswordPolicyTests(SqliteTestDatabase db) : IClassFixture<SqliteTestDatabase>
{
    private Task<UserDto> CreateAsync(string password, string? email = null) =>
        db.With<UserService, UserDto>(s => s.CreateAsync(new NewUserInput(email ?? $"clerk-{A.Unique()}@example.org", password, [Roles.Auditor]), default));

    [Theory]
    [InlineData("eleven char")]
    [InlineData("password1234")]
    [InlineData("qwerty123456!")]
    [InlineData("iloveyouiloveyou")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("123456789012345")]
    public async Task ShortOrCommonPasswordIsRefusedNamingThePassword(string password)
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(password));

        Assert.Equal(["password"], refused.Errors.Keys);
    }

    [Theory]
    [InlineData("harbour violet lantern")]
    [InlineData("correcthorsebatterystaple")]
    [InlineData("ЗЕЛЁНЫЙ чайник на окне")]
    public async Task LongPassphraseWithoutDigitsSymbolsOrCapitalsIsAccepted(string password)
    {
        var user = await CreateAsync(password);

        Assert.Equal([Roles.Auditor], user.Roles);
    }

    [Fact]
    public async Task PassphrasesUpTo128CharactersAreAcceptedAndLongerOnesRefused()
    {
        var words = string.Join(' ', Enumerable.Repeat("lantern harbour violet", 10));

        await CreateAsync(words[..128]);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(words[..129]));

        Assert.Contains(refused.Errors["password"], m => m.Contains("128", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordContainingTheAccountNameIsRefused()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync("winterbottom telescope", "winterbottom@example.org"));

        Assert.Contains(refused.Errors["password"], m => m.Contains("account's name", StringComparison.Ordinal));
    }
}
