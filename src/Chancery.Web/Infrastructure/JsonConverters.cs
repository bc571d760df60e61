using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chancery.Web.Infrastructure;

/// <summary>Calendar dates as YYYY-MM-DD only; anything else (2021-02-30, 09/03/21) is refused with a message that says so.</summary>
public sealed class StrictDateOnlyConverter : JsonConverter<DateOnly>
{
    /// <inheritdoc />
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("must be a date written as YYYY-MM-DD, in quotes.");
        var text = reader.GetString();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new JsonException($"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2021-09-03.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}

/// <summary>Enums as their names; an unknown name or a number is refused with the list of accepted names.</summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var names = string.Join(", ", Enum.GetNames<T>());
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"must be one of {names}, in quotes.");
            var text = reader.GetString();
            // Enum.TryParse also reads "Female,Male" as the two flags or-ed together (Male): one field holds one value.
            if (text is not null && !text.Any(char.IsDigit) && !text.Contains(',', StringComparison.Ordinal)
                && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value))
                return value;
            throw new JsonException(text?.Contains(',', StringComparison.Ordinal) == true
                ? $"'{text}' is a list, and this field holds one value; use one of {names}."
                : $"'{text}' is not a known value; use one of {names}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
