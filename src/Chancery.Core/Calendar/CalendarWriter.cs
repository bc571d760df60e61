using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Chancery.Core.Calendar;

/// <summary>Deadlines as an iCalendar (RFC 5545) document: one all-day event each, with a display alarm before it.</summary>
public static class CalendarWriter
{
    /// <summary>The MIME type of an iCalendar file.</summary>
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>
    /// The calendar named <paramref name="name"/>. <paramref name="stamp"/> is the DTSTAMP of every event (the time the
    /// feed was made); <paramref name="reminderDays"/> days before each deadline, its alarm goes off.
    /// </summary>
    public static string Write(string name, IEnumerable<Deadline> deadlines, DateTimeOffset stamp, int reminderDays)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Chancery//Deadlines//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        var dtStamp = new CalDateTime(stamp.UtcDateTime, "UTC", hasTime: true);
        foreach (var d in deadlines)
        {
            var e = new CalendarEvent
            {
                Uid = d.Uid,
                DtStamp = dtStamp,
                // All-day: a DATE start and the next day as the (exclusive) end (RFC 5545 §3.6.1).
                DtStart = new CalDateTime(d.On),
                DtEnd = new CalDateTime(d.On.AddDays(1)),
                Summary = d.Summary,
                Description = d.Description,
                Location = d.MissionLabel,
                Transparency = "TRANSPARENT",
            };
            e.Categories.Add(d.Kind.ToString());
            e.Alarms.Add(new Alarm
            {
                Action = "DISPLAY",
                Description = d.Summary,
                Trigger = new Trigger(Duration.FromDays(-reminderDays)),
            });
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
