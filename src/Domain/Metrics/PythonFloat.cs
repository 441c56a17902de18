using System.Globalization;
using System.Numerics;

namespace InteractionLab.Domain.Metrics;

/// <summary>
/// Python's float rounding and printing, so numbers HALIE computed in Python come out identical here.
/// <c>round(x, n)</c> rounds the exact binary value of <c>x</c> half-to-even (Python's <c>double_round</c> via
/// <c>_Py_dg_dtoa</c> mode 3): <c>round(2.675, 2)</c> is 2.67 because 2.675 is stored as 2.67499…, and
/// <c>round(0.125, 2)</c> is 0.12. .NET's <see cref="Math.Round(double, int, MidpointRounding)"/> scales by 100 first
/// and gets both wrong, hence this exact version.
/// </summary>
public static class PythonFloat
{
    /// <summary>Python's <c>round(value, digits)</c> for <paramref name="digits"/> ≥ 0.</summary>
    public static double Round(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        if (!double.IsFinite(value) || value == 0) return value;
        // value = mantissa · 2^exponent exactly; scale by 10^digits and round the exact quotient half to even.
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (biased == 0) biased = 1; else mantissa |= 1L << 52;
        var exponent = biased - 1075;
        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        var denominator = BigInteger.One;
        if (exponent > 0) numerator <<= exponent; else denominator <<= -exponent;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven)) quotient += 1;
        // The decimal quotient·10^-digits read back as the nearest double, as Python's strtod does.
        var rounded = double.Parse(quotient.ToString(CultureInfo.InvariantCulture) + "E-" + digits.ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float, CultureInfo.InvariantCulture);
        return value < 0 ? -rounded : rounded;
    }

    /// <summary>Python's <c>round(value)</c>: to the nearest integer, halves to even (exact, no scaling involved).</summary>
    public static long RoundToInteger(double value) => (long)Math.Round(value, MidpointRounding.ToEven);

    /// <summary>
    /// Python's <c>repr(value)</c> (also what pandas writes into a CSV): the shortest digits that read back to the same
    /// double, in positional notation with a trailing <c>.0</c> for whole numbers, and in exponent notation
    /// (<c>1e-05</c>, <c>1.5e+16</c>) when the decimal exponent is below −4 or above 15.
    /// </summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        // "R" is the shortest text that reads back to the same double: the same digits Python's repr picks.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var sign = shortest.StartsWith('-') ? "-" : "";
        var (digits, point) = Digits(shortest.TrimStart('-'));
        if (point is < -3 or > 16)
        {
            var exponent = point - 1;
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)}";
        }
        if (point <= 0) return $"{sign}0.{new string('0', -point)}{digits}";
        if (point >= digits.Length) return $"{sign}{digits}{new string('0', point - digits.Length)}.0";
        return $"{sign}{digits[..point]}.{digits[point..]}";
    }

    // Significant digits without leading or trailing zeros and the position of the decimal point relative to them
    // (value = 0.d1d2… · 10^point), from .NET's shortest round-trip text ("0.07", "123.5", "1E-05", "1.5E+16").
    private static (string Digits, int Point) Digits(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var all = dot < 0 ? text : whole + text[(dot + 1)..];
        var point = whole.Length + exponent;
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return digits.Length == 0 ? ("0", 1) : (digits, point - leading);
    }
}
