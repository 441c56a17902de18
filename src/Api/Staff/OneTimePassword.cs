using System.Security.Cryptography;

namespace InteractionLab.Api.Staff;

/// <summary>Random passwords handed out once (first admin, new users, admin resets).</summary>
public static class OneTimePassword
{
    /// <summary>24 characters from 144 random bits; letters and digits only, so it survives copy and paste.</summary>
    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
