using System.Globalization;
using System.Text;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Prints a float64 as Go's fmt <c>%v</c> does (what decK writes for <c>toFloat</c>): the shortest digits that
/// round-trip, in exponent form (<c>1e+21</c>) only when the exponent is below -4 or at least 21.
/// </summary>
internal static class GoFloatFormat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "+Inf" : "-Inf";
        if (value == 0)
            return double.IsNegative(value) ? "-0" : "0";

        // "R" gives the shortest round-trip digits; only its layout differs from Go's.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? r : r[..e];
        var shift = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var point = (dot < 0 ? mantissa.Length : dot) + shift;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leadingZeros;

        var text = new StringBuilder(value < 0 ? "-" : "");
        var exponent = point - 1;
        if (exponent is < -4 or >= 21)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
                text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (point <= 0)
        {
            text.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            text.Append(digits).Append('0', point - digits.Length);
        }
        else
        {
            text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }

        return text.ToString();
    }
}
