using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InteractionLab.Api.Protection;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Testing;

namespace InteractionLab.Api.Tests.Access;

/// <summary>
/// Response headers, TLS behind a proxy and the key ring at rest (issue 13 item 12), on real Kestrel in production mode.
/// </summary>
public sealed class HardeningTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private PlatformFactory _platform = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _platform = new PlatformFactory(_database.ConnectionString) { EnvironmentName = "Production" };
        _platform.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData("/s/" + DemoStudy.Slug)]
    [InlineData("/admin/login")]
    [InlineData("/api/v1/admin/studies")]
    [InlineData("/no/such/page")]
    public async Task EveryResponseCarriesTheSecurityHeadersAndOnePolicy(string path)
    {
        using var client = _platform.CreateRawClient();

        using var response = await client.GetAsync(path);

        Assert.Equal([SecurityHeaders.ContentSecurityPolicy], response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindATlsProxyCookiesAreSecureAndHstsIsSent()
    {
        await _platform.CreateUserAsync("tls-admin", StaffRoles.Admin);
        using var client = _platform.CreateRawClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        page.Headers.Add("X-Forwarded-Proto", "https");
        page.Headers.Add("X-Forwarded-For", "203.0.113.20");
        // HSTS is never sent for localhost, so the proxy forwards a real host name.
        page.Headers.Host = "lab.example.org";
        using var direct = await client.GetAsync("/admin/login");

        using var viaProxy = await client.SendAsync(page);
        var consent = await _platform.PostConsentAsync(DemoStudy.Slug);
        using var secureConsent = await ConsentViaProxyAsync();
        var form = viaProxy.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single();
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent([new("userName", "tls-admin"), new("password", StaffLogin.DefaultPassword),
                new("__RequestVerificationToken", StaffLogin.AntiforgeryToken(await viaProxy.Content.ReadAsStringAsync()))]),
        };
        signIn.Headers.Add("Cookie", form);
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        using var signedIn = await client.SendAsync(signIn);

        Assert.Contains("max-age=31536000", Assert.Single(viaProxy.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.All(viaProxy.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(direct.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(StaffExtensions.CookieName + "=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(consent.Headers.GetValues("Set-Cookie"), c => c.StartsWith("il_session.", StringComparison.Ordinal) && !c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(secureConsent.Headers.GetValues("Set-Cookie"), c => c.StartsWith("il_session.", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheKeyRingIsEncryptedOnDiskWithTheConfiguredCertificate()
    {
        var keys = Directory.CreateTempSubdirectory("il-keys-").FullName;
        var pfx = Path.Combine(keys, "..", Path.GetFileName(keys) + ".pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=InteractionLab key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-pfx-password"));
        }
        try
        {
            await using var platform = new PlatformFactory(_database.ConnectionString, new Dictionary<string, string?>
            {
                ["DataProtection:KeysDirectory"] = keys,
                ["DataProtection:CertificatePath"] = pfx,
                ["DataProtection:CertificatePassword"] = "test-pfx-password",
            }) { EnvironmentName = "Production" };
            var participant = await platform.ConsentAsync(DemoStudy.Slug);

            var ring = string.Concat(Directory.GetFiles(keys, "key-*.xml").Select(File.ReadAllText));
            Assert.Contains("encryptedSecret", ring, StringComparison.Ordinal);
            Assert.DoesNotContain("unencrypted form", ring, StringComparison.Ordinal);
            Assert.True(platform.TryReadSessionId(participant.Cookie.Split('=', 2)[1], out _));
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
            File.Delete(pfx);
        }
    }

    [Fact]
    public void AKeyDirectoryWithoutACertificateIsRefusedOutsideDevelopment()
    {
        var keys = Directory.CreateTempSubdirectory("il-keys-").FullName;
        try
        {
            using var platform = new PlatformFactory(_database.ConnectionString, new Dictionary<string, string?> { ["DataProtection:KeysDirectory"] = keys })
            {
                EnvironmentName = "Production",
            };

            var refused = Assert.ThrowsAny<Exception>(() => platform.Server);

            Assert.Contains("DataProtection:CertificatePath", refused.GetBaseException().Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(keys));
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    private async Task<HttpResponseMessage> ConsentViaProxyAsync()
    {
        using var client = _platform.CreateRawClient();
        var (cookie, token) = (await client.AntiforgeryAsync($"/s/{DemoStudy.Slug}", r => r.Headers.Add("X-Forwarded-Proto", "https")))!.Value;
        var post = new HttpRequestMessage(HttpMethod.Post, $"/s/{DemoStudy.Slug}/consent")
        {
            Content = new FormUrlEncodedContent([new("consent", "true"), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", cookie);
        post.Headers.Add("X-Forwarded-Proto", "https");
        return await client.SendAsync(post);
    }
}
