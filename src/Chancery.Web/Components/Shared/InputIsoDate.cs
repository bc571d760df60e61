using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;

namespace Chancery.Web.Components.Shared;

/// <summary>
/// A date typed as yyyy-MM-dd. A browser date picker would show the user's locale (09/03/2021 in
/// the United States, 03/09/2021 in Europe); protocol staff exchange dates across borders, so the
/// field shows and accepts only the ISO form.
/// </summary>
public sealed class InputIsoDate : InputBase<DateOnly?>
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
    protected override string? FormatValueAsString(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    protected override bool TryParseValueFromString(string? value, out DateOnly? result, [NotNullWhen(false)] out string? validationErrorMessage)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            result = null;
            validationErrorMessage = null;
            return true;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            result = d;
            validationErrorMessage = null;
            return true;
        }
        result = null;
        validationErrorMessage = $"'{value}' is not a date; write it as yyyy-mm-dd, e.g. 2021-09-03.";
        return false;
    }
}
