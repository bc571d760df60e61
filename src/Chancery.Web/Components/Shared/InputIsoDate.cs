using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Chancery.Core.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;

namespace Chancery.Web.Components.Shared;

/// <summary>
/// A date typed as yyyy-MM-dd. A browser date picker would show the user's locale (09/03/2021 in
/// the United States, 03/09/2021 in Europe); protocol staff exchange dates across borders, so the
/// field shows and accepts only the ISO form. The form model keeps the text (see <see cref="IsoDate"/>):
/// binding straight to a DateOnly would let the form binder read "09/03/21" as 3 September.
/// </summary>
public sealed class InputIsoDate : InputBase<string?>
{
    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "input");
        builder.AddAttribute(1, "type", "text");
        builder.AddAttribute(2, "inputmode", "numeric");
        builder.AddAttribute(3, "placeholder", "yyyy-mm-dd");
        builder.AddAttribute(4, "autocomplete", "off");
        builder.AddMultipleAttributes(5, AdditionalAttributes);
        builder.AddAttribute(6, "name", NameAttributeValue);
        builder.AddAttribute(7, "class", CssClass);
        builder.AddAttribute(8, "value", CurrentValueAsString);
        builder.AddAttribute(9, "onchange", EventCallback.Factory.CreateBinder<string?>(this, v => CurrentValueAsString = v, CurrentValueAsString));
        builder.SetUpdatesAttributeName("value");
        builder.CloseElement();
    }

    /// <inheritdoc />
    protected override bool TryParseValueFromString(string? value, out string? result, [NotNullWhen(false)] out string? validationErrorMessage)
    {
        result = value;
        validationErrorMessage = null;
        return true;
    }
}

/// <summary>ISO calendar dates as forms and addresses carry them: yyyy-MM-dd and nothing else.</summary>
public static class IsoDate
{
    /// <summary>The text of a date, or null.</summary>
    public static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads yyyy-MM-dd exactly; blank is null.</summary>
    public static bool TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        date = d;
        return true;
    }

    /// <summary>Reads a form field, recording an error under the API's field name when it is not an ISO date.</summary>
    public static DateOnly? Read(Validator errors, string field, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (TryParse(text, out var date)) return date;
        errors.Add(field, $"{field} '{text}' is not a date; write it as yyyy-mm-dd, e.g. 2021-09-03.");
        return null;
    }
}
