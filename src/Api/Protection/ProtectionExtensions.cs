using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Protection;

/// <summary>
/// What stands between the platform and the open internet: the trusted proxy's forwarded headers, security headers
/// and HSTS, rate limits, and the Data Protection key ring that protects every cookie.
/// </summary>
public static class ProtectionExtensions
{
    /// <summary>Registers forwarded headers, HSTS, rate limits and Data Protection.</summary>
    public static IHostApplicationBuilder AddPlatformProtection(this IHostApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Never the Host header: the platform builds no absolute URLs from it, and a forged one would only confuse logs.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxy.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in proxy.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // Antiforgery's cookie is not Secure by default even over HTTPS; the staff and participant cookies already follow the request.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.AddPlatformRateLimits();
        AddKeyRing(builder);
        return builder;
    }

    /// <summary>The protection middleware, in order; call first in the pipeline.</summary>
    public static WebApplication UsePlatformProtection(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(SecurityHeaders.AddAsync);
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseRateLimiter();
        return app;
    }

    // Cookies must stay readable across restarts and instances: share the key ring through a directory (a volume in
    // containers) when DataProtection:KeysDirectory is set, encrypted at rest with the certificate at
    // DataProtection:CertificatePath. A shared directory without a certificate is refused outside development (the
    // keys would let anyone who reads the volume forge participant and staff cookies) unless
    // DataProtection:AllowUnencryptedKeys says that is intended. Without a directory, ASP.NET Core's default applies
    // (the user profile; the embedded single-machine default).
    private static void AddKeyRing(IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("DataProtection");
        var protection = builder.Services.AddDataProtection().SetApplicationName("InteractionLab");
        var keys = settings["KeysDirectory"];
        if (keys is { Length: > 0 }) protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        if (settings["CertificatePath"] is { Length: > 0 } path)
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, settings["CertificatePassword"]));
        else if (keys is { Length: > 0 } && !builder.Environment.IsDevelopment() && !settings.GetValue("AllowUnencryptedKeys", false))
            throw new InvalidOperationException(
                "DataProtection:KeysDirectory is set but DataProtection:CertificatePath is not, so the key ring would be stored unencrypted. " +
                "Point DataProtection:CertificatePath (and DataProtection:CertificatePassword) at a PFX certificate, " +
                "or set DataProtection:AllowUnencryptedKeys=true if the directory is protected otherwise (see deploy/scale-out.md).");
    }
}
