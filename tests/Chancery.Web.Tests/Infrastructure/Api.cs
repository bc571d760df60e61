using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chancery.Core.Common;

namespace Chancery.Web.Tests.Infrastructure;

/// <summary>HTTP helpers: JSON as the API writes it, and assertions on problem details.</summary>
public static class Api
{
    /// <summary>camelCase, enums by name, dates as YYYY-MM-DD (the API's wire format).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Sends <paramref name="body"/> as JSON.</summary>
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, Json);

    /// <summary>Sends <paramref name="body"/> as JSON.</summary>
    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) => client.PutAsJsonAsync(url, body, Json);

    /// <summary>Sends a raw JSON text, as a client with a bug would.</summary>
    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Sends a raw JSON text, as a client with a bug would.</summary>
    public static Task<HttpResponseMessage> PutRaw(this HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Asserts the status and reads the body.</summary>
    public static async Task<T> Read<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        await response.ShouldHaveStatus(expected);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>GET and read, expecting 200.</summary>
    public static async Task<T> Get<T>(this HttpClient client, string url) => await (await client.GetAsync(url)).Read<T>();

    /// <summary>The total a list reports, for checking that a refused write left nothing behind.</summary>
    public static async Task<int> Count(this HttpClient client, string listUrl)
    {
        var separator = listUrl.Contains('?') ? '&' : '?';
        return (await client.Get<Page<JsonElement>>($"{listUrl}{separator}pageSize=1")).Total;
    }

    /// <summary>
    /// Posts a bad record to <paramref name="listUrl"/> and asserts a 400 naming only <paramref name="field"/> with
    /// <paramref name="reason"/>, and that the list's total did not change (nothing half-written).
    /// </summary>
    public static async Task ShouldRefuseToCreate(this HttpClient client, string listUrl, string json, string field, string reason)
    {
        var before = await client.Count(listUrl);
        await (await client.PostRaw(listUrl, json)).ShouldBeInvalid(field, reason);
        Assert.Equal(before, await client.Count(listUrl));
    }

    /// <summary>GET, PUT and DELETE of a record that does not exist: a 404 problem each, naming the id.</summary>
    public static async Task ShouldNotFind(this HttpClient client, string listUrl, object validUpdate)
    {
        var id = Guid.NewGuid();
        var problem = await (await client.GetAsync($"{listUrl}/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.PutJson($"{listUrl}/{id}", validUpdate)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"{listUrl}/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public static async Task ShouldHaveStatus(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"Expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        await response.ShouldHaveStatus(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>
    /// Asserts a 400 whose <c>errors</c> name exactly <paramref name="fields"/>; returns the messages so the test can check the reason.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> ShouldBeInvalid(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        if (!problem.TryGetProperty("errors", out var errorsJson))
            Assert.Fail($"The 400 names no field: {problem}");
        var errors = errorsJson.Deserialize<Dictionary<string, string[]>>(Json)!;
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m))));
        return errors;
    }

    /// <summary>Asserts a 400 naming only <paramref name="field"/>, with a message containing <paramref name="reason"/>.</summary>
    public static async Task ShouldBeInvalid(this HttpResponseMessage response, string field, string reason)
    {
        var errors = await response.ShouldBeInvalid(field);
        Assert.Contains(errors[field], m => m.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }
}
