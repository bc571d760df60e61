using System.Reflection;
using System.Text.RegularExpressions;
using Chancery.Core.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Web.Components.Shared;

/// <summary>
/// Base of the create and edit pages: runs the save through a Core service and turns its failures
/// into what the user sees. Field errors go next to their field (the service names fields as the API
/// spells them, camelCase; the form models use the same names in PascalCase); conflicts and stale
/// edits go above the form. On success the page redirects to the record.
/// </summary>
public abstract partial class RecordFormPage : ComponentBase
{
    /// <summary>Message shown when the record changed since the form was read.</summary>
    public const string StaleMessage = "This record was changed by someone else since you opened it; reload it and make your change again.";

    private ValidationMessageStore? _messages;

    /// <summary>Navigation, for the redirect after saving.</summary>
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The request of a static form post, to read the values as they were posted.</summary>
    [CascadingParameter] private HttpContext? FormRequest { get; set; }

    /// <summary>The form's edit context.</summary>
    protected EditContext? Edit { get; private set; }

    /// <summary>A conflict or stale-edit message, when the last save failed for one.</summary>
    protected string? Problem { get; private set; }

    /// <summary>After a stale edit, the address that reloads the form with the current record.</summary>
    protected string? ReloadHref { get; private set; }

    /// <summary>
    /// Whether the page is still reading its record. When that read does not finish at once (it never does on
    /// PostgreSQL), the renderer shows the page once before it ends: that render must show nothing, neither
    /// "not found" (which ends the response with 404) nor a form without a model.
    /// </summary>
    protected bool Loading => Edit is null;

    /// <summary>Starts tracking <paramref name="model"/>; call once the model is known.</summary>
    protected EditContext Track(object model)
    {
        Edit = new EditContext(model);
        _messages = new ValidationMessageStore(Edit);
        Edit.OnValidationRequested += (_, _) => _messages.Clear();
        return Edit;
    }

    /// <summary>Runs <paramref name="save"/>, which returns the address of the saved record, and goes there.</summary>
    protected async Task SaveAsync(Func<Task<string>> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        if (EnumListsPosted() is { Count: > 0 } lists)
        {
            ShowErrors(lists);
            return;
        }
        string target;
        try
        {
            target = await save();
        }
        catch (ValidationFailedException ex)
        {
            ShowErrors(ex.Errors);
            return;
        }
        catch (ForbiddenException ex)
        {
            Problem = ex.Message;
            return;
        }
        catch (ConflictException ex)
        {
            Problem = ex.Message;
            return;
        }
        catch (DbUpdateConcurrencyException)
        {
            Problem = StaleMessage;
            ReloadHref = Navigation.Uri;
            return;
        }
        // Outside the try: in static rendering NavigateTo throws to signal the redirect.
        Navigation.NavigateTo(target);
    }

    /// <summary>
    /// Choices posted as a list ("Female,Male"). The framework binds a form value to an enum with Enum.TryParse, which
    /// reads a comma-separated list as the values or-ed together (Female|Male is Male): a select offers one value, so a
    /// list is refused naming its field, as the API does, instead of being stored as some other value.
    /// </summary>
    private Dictionary<string, string[]> EnumListsPosted()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (FormRequest?.Request is not { HasFormContentType: true } request || Edit is null) return errors;
        var choices = Edit.Model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).IsEnum)
            .ToDictionary(p => p.Name, p => (p.Name, Type: Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in request.Form)
        {
            if (!choices.TryGetValue(key[(key.LastIndexOf('.') + 1)..], out var choice) || !value.ToString().Contains(',', StringComparison.Ordinal)) continue;
            var field = char.ToLowerInvariant(choice.Name[0]) + choice.Name[1..];
            errors[field] = [$"{field} '{value}' is a list; choose one of {string.Join(", ", Enum.GetNames(choice.Type))}."];
        }
        return errors;
    }

    private void ShowErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        if (Edit is null || _messages is null) throw new InvalidOperationException("Call Track(model) before saving.");
        var model = Edit.Model;
        foreach (var (key, messages) in errors)
        {
            var property = key.Length == 0 ? "" : char.ToUpperInvariant(key[0]) + key[1..];
            // Fields the form does not show (e.g. a fixed holder) still reach the summary.
            var field = model.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance) is not null
                ? new FieldIdentifier(model, property)
                : new FieldIdentifier(model, "");
            _messages.Add(field, [.. messages.Select(m => Humanize(m, model))]);
        }
        Edit.NotifyValidationStateChanged();
    }

    /// <summary>
    /// The services name fields as the API spells them ("validUntil 2021-03-09 is before validFrom…");
    /// on a form the user knows them by their words ("Valid until 2021-03-09 is before valid from…").
    /// </summary>
    internal static string Humanize(string message, object model)
    {
        var result = FieldName().Replace(message, m =>
        {
            var word = m.Value;
            var property = char.ToUpperInvariant(word[0]) + word[1..];
            if (model.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance) is null) return word;
            return CamelHump().Replace(word, " $1").ToLowerInvariant();
        });
        return result.Length > 0 ? char.ToUpperInvariant(result[0]) + result[1..] : result;
    }

    [GeneratedRegex(@"\b[a-z]+(?:[A-Z][a-z]*)+\b")]
    private static partial Regex FieldName();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex CamelHump();
}
