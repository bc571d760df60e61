using System.Linq.Expressions;

namespace Chancery.Core.Common;

/// <summary>
/// Sorting by an enum stored as text: the database would order by name (AdministrativeTechnical before
/// HeadOfMission, Child before Spouse); this orders by declaration order instead, as the roster does.
/// </summary>
public static class EnumOrder
{
    /// <summary>
    /// Orders by <c>member == First ? 0 : member == Second ? 1 : ...</c>, which EF translates to a CASE expression.
    /// </summary>
    public static IOrderedQueryable<T> OrderByDeclaration<T, TEnum>(this IQueryable<T> query, Expression<Func<T, TEnum>> member, bool descending)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(member);
        var values = Enum.GetValues<TEnum>();
        Expression rank = Expression.Constant(values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
            rank = Expression.Condition(Expression.Equal(member.Body, Expression.Constant(values[i])), Expression.Constant(i), rank);
        var key = Expression.Lambda<Func<T, int>>(rank, member.Parameters);
        return descending ? query.OrderByDescending(key) : query.OrderBy(key);
    }
}
