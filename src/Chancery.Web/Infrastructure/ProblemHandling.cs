using System.Text.Json;
using System.Text.RegularExpressions;
using Chancery.Core.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chancery.Web.Infrastructure;

/// <summary>
/// Maps the few domain failures to RFC 9457 problem details (400 naming each field, 404, 409) and
/// everything else to a generic 500 carrying only a correlation id: never a stack trace or SQL.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, problem) = Map(exception);
        if (status >= 500)
            logger.LogError(exception, "Unhandled error for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    internal static (int Status, ProblemDetails Problem) Map(Exception exception) => exception switch
    {
        ValidationFailedException v => (400, Validation(v.Errors)),
        NotFoundException n => (404, new ProblemDetails { Status = 404, Title = $"{n.Entity} not found", Detail = n.Message }),
        ForbiddenException f => (403, new ProblemDetails { Status = 403, Title = "Not allowed", Detail = f.Message }),
        ConflictException c => (409, new ProblemDetails { Status = 409, Title = "Conflict", Detail = c.Message }),
        Chancery.Core.Policies.CapBreachException cap => (409, CapBreach(cap)),
        DbUpdateConcurrencyException => (409, new ProblemDetails
        {
            Status = 409,
            Title = "Changed by someone else",
            Detail = "The record was changed or deleted since you read it. Reload it, apply your change again, and send the new version.",
        }),
        BadHttpRequestException { InnerException: JsonException json } => (400, Validation(FromJson(json))),
        // A chunked body that runs past the limit (see ApiBodyLimit); a declared length over it never gets this far.
        BadHttpRequestException { StatusCode: 413 } => (413, new ProblemDetails
        {
            Status = 413,
            Title = "Request body too large",
            Detail = "The request body is larger than the limit for this endpoint; send less at once.",
        }),
        BadHttpRequestException bad => (bad.StatusCode, FromBadRequest(bad)),
        _ => (500, new ProblemDetails
        {
            Status = 500,
            Title = "Something went wrong on our side",
            Detail = "The error was logged. Quote the traceId when you report it.",
        }),
    };

    private static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) => new(errors.ToDictionary(e => e.Key, e => e.Value))
    {
        Status = 400,
        Title = "The request has invalid fields",
        Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
    };

    private static ProblemDetails CapBreach(Chancery.Core.Policies.CapBreachException cap) => new()
    {
        Status = 409,
        Title = "Staffing cap exceeded",
        Detail = cap.Message,
        Extensions =
        {
            ["cap"] = new { id = cap.Breach.CapId, description = cap.Breach.Description, missionId = cap.Breach.MissionId, on = cap.Breach.On },
            ["count"] = cap.Breach.Count,
            ["limit"] = cap.Breach.Limit,
        },
    };

    private static Dictionary<string, string[]> FromJson(JsonException json)
    {
        // The reader's syntax errors come wrapped around the reader's own JsonException; their messages also
        // start with a quote ("'\"' is invalid after a value"), so they must be told apart before our converters' messages.
        if (json.InnerException is JsonException)
        {
            return new()
            {
                ["body"] = [$"The request body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}); check quotes, commas and brackets."],
            };
        }
        var field = FieldFromPath(json.Path);
        // The serializer's own refusals of a property the request type does not have, or of one given twice
        // (JsonSerializerOptions.UnmappedMemberHandling and AllowDuplicateProperties).
        if (json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return new() { [field] = [$"{field} is not a field of this request; check its spelling (the API reference at /api/reference lists the fields), or leave it out."] };
        if (json.Message.StartsWith("Duplicate property ", StringComparison.Ordinal))
            return new() { [field] = [$"{field} is given more than once; give each field once (names are matched ignoring case)."] };
        var ours = json.Message.StartsWith('\'') || json.Message.StartsWith("must ", StringComparison.Ordinal);
        var message = ours
            ? $"{field}: {json.Message}"
            : field == "body"
                ? $"The request body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}); check quotes, commas and brackets."
                : $"{field} has the wrong type or format.";
        return new() { [field] = [message] };
    }

    private static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return trimmed.Length == 0 ? "body" : trimmed;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        // e.g. Failed to bind parameter "DateOnly asOf" from "tomorrow".
        var match = BindFailure().Match(bad.Message);
        if (match.Success)
        {
            var name = Camel(match.Groups["name"].Value);
            var (type, value) = (TypeName(match.Groups["type"].Value), match.Groups["value"].Value);
            // A value the binder cannot read as one of the domain's enums gets the same message as one it reads wrongly.
            return Validation(new Dictionary<string, string[]>
            {
                [name] = [EnumsByName.Value.TryGetValue(type, out var e) ? StrictQueryValues.UnknownValue(name, value, e) : $"{name} '{value}' is not a valid {Describe(type)}."],
            });
        }
        // A POST or PUT without a body: the framework's text speaks to developers ("Did you mean to use a Service instead?").
        if (MissingBody().IsMatch(bad.Message))
            return Validation(new Dictionary<string, string[]> { ["body"] = ["A request body is required: send the record as JSON (Content-Type: application/json)."] });
        var required = RequiredFailure().Match(bad.Message);
        if (required.Success)
        {
            var name = Camel(required.Groups["name"].Value);
            return Validation(new Dictionary<string, string[]> { [name] = [$"{name} is required."] });
        }
        return new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string TypeName(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?');

    private static string Describe(string type) => type switch
    {
        "DateOnly" => "date; write it as YYYY-MM-DD",
        "Guid" => "identifier",
        "int" or "Int32" => "whole number",
        var other => other,
    };

    // The domain's enums by name, for a query value the binder could not parse ("kind=Expiring").
    private static readonly Lazy<Dictionary<string, Type>> EnumsByName = new(() => typeof(Chancery.Core.Visas.AlertKind).Assembly.GetTypes()
        .Where(t => t.IsEnum && t.IsPublic)
        .GroupBy(t => t.Name, StringComparer.Ordinal)
        .Where(g => g.Count() == 1)
        .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal));

    [GeneratedRegex("""Failed to bind parameter "(?<type>[^ ]+) (?<name>[^"]+)" from "(?<value>[^"]*)"\.""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "(?<type>[^ ]+) (?<name>[^"]+)" was not provided""")]
    private static partial Regex RequiredFailure();

    [GeneratedRegex("""^Implicit body inferred for parameter "[^"]+" but no body was provided|was not provided from body""")]
    private static partial Regex MissingBody();
}
