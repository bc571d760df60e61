using System.Globalization;
using Chancery.Core.Common;

namespace Chancery.Web.Infrastructure;

/// <summary>
/// Query-string enums and dates held to the rules of JSON bodies. ASP.NET binds "?kind=7" to an undefined
/// value (and "?status=1" to Suspended), and "?asOf=09/03/2021" to 3 September by the invariant culture,
/// so a typo or a European date silently gave an empty or wrong list instead of a 400.
/// </summary>
public static class StrictQueryValues
{
    /// <summary>The message for a query value that is not one of the enum's names, listing them.</summary>
    public static string UnknownValue(string name, string text, Type type) =>
        $"{name} '{text}' is not a known value; use one of {string.Join(", ", Enum.GetNames(type))}.";

    /// <summary>Endpoint filter factory: checks the handler's enum and date parameters against the raw query values.</summary>
    public static EndpointFilterDelegate Refuse(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var checks = context.MethodInfo.GetParameters()
            .Select(p => (p.Name, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .Where(p => p.Name is not null && (p.Type.IsEnum || p.Type == typeof(DateOnly)))
            .ToArray();
        if (checks.Length == 0) return next;
        return invocation =>
        {
            var v = new Validator();
            foreach (var (name, type) in checks)
            {
                if (!invocation.HttpContext.Request.Query.TryGetValue(name!, out var raw)) continue;
                var text = raw.ToString();
                if (type == typeof(DateOnly))
                {
                    if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                        v.Add(name!, $"{name} '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2021-09-03.");
                }
                else if (text.Any(char.IsDigit) || text.Contains(',', StringComparison.Ordinal) || !Enum.TryParse(type, text, ignoreCase: true, out var value) || !Enum.IsDefined(type, value))
                {
                    v.Add(name!, UnknownValue(name!, text, type));
                }
            }
            v.ThrowIfAny();
            return next(invocation);
        };
    }
}
