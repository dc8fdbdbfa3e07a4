"""The short "why this matches" parts of a result.

``reasons`` is a list of short phrases, most important first; the web layer joins them with
" · " to make the line, e.g. "Codependency · 2.3 mi · free · next Tue 7:00 pm". Each is a
:class:`~matching.phrases.Phrase`: the English text, with a key and the values it was made
from, so an interface can say it in another language.
"""

from __future__ import annotations

from datetime import date, datetime

from matching import vocab
from matching.geo import format_distance
from matching.phrases import Phrase
from matching.profiles import GroupProfile
from matching.schedule import zone


def clock(dt: datetime) -> str:
    """"7:00 pm" style time."""
    hour = dt.hour % 12 or 12
    return f"{hour}:{dt.minute:02d} {'am' if dt.hour < 12 else 'pm'}"


# Zones named the way people say them ("7:00 pm Pacific time"); any other zone is named by
# the city part of its IANA name ("Asia/Kolkata" → "Kolkata time").
ZONE_WORDS: dict[str, str] = {
    "America/Los_Angeles": "Pacific", "America/Vancouver": "Pacific",
    "America/Tijuana": "Pacific", "US/Pacific": "Pacific",
    "America/Denver": "Mountain", "America/Edmonton": "Mountain", "America/Boise": "Mountain",
    "US/Mountain": "Mountain", "America/Phoenix": "Arizona",
    "America/Chicago": "Central", "America/Winnipeg": "Central", "US/Central": "Central",
    "America/Regina": "Saskatchewan",
    "America/New_York": "Eastern", "America/Toronto": "Eastern", "America/Detroit": "Eastern",
    "America/Montreal": "Eastern", "US/Eastern": "Eastern",
    "America/Halifax": "Atlantic", "America/St_Johns": "Newfoundland",
    "America/Anchorage": "Alaska", "Pacific/Honolulu": "Hawaii", "US/Hawaii": "Hawaii",
    "Europe/London": "UK", "Europe/Dublin": "Irish",
    "Australia/Sydney": "Sydney", "Australia/Melbourne": "Melbourne",
    "Australia/Brisbane": "Brisbane", "Australia/Adelaide": "Adelaide",
    "Australia/Perth": "Perth", "Australia/Hobart": "Hobart", "Australia/Darwin": "Darwin",
    "Pacific/Auckland": "New Zealand", "UTC": "UTC", "Etc/UTC": "UTC",
}


def zone_words(name: str | None) -> str:
    """"Pacific time", "UK time", "Kolkata time" — a zone as a person would say it."""
    if not name:
        return "local time"
    words = ZONE_WORDS.get(name)
    if words is None:
        words = name.rsplit("/", 1)[-1].replace("_", " ")
    return f"{words} time"


def when_text(start: datetime, in_progress: bool, now: datetime, tz: str | None) -> Phrase:
    """"today 7:00 pm Pacific time", "tomorrow 9:30 am UK time", "next Tue 7:00 pm …".

    In the zone ``tz`` (the one zone of the result: ``Match.display_tz``), named in words; with
    no ``tz``, in the start's own zone, unnamed.
    """
    suffix = ""
    if tz:
        start = start.astimezone(zone(tz))
        suffix = f" {zone_words(tz)}"
    local_now = now.astimezone(start.tzinfo)
    # ``start`` is in the zone the words use; ``tz`` is None when the zone goes unnamed.
    if in_progress:
        return Phrase("started", f"meeting now (started {clock(start)}{suffix})",
                      start=start, tz=tz)
    days = (start.date() - local_now.date()).days
    day = vocab.WEEKDAY_SHORT[start.weekday()]
    at = clock(start) + suffix
    if days <= 0:
        return Phrase("today", f"today {at}", start=start, tz=tz)
    if days == 1:
        return Phrase("tomorrow", f"tomorrow {at}", start=start, tz=tz)
    if days < 7:
        return Phrase("next_day", f"next {day} {at}", start=start, tz=tz)
    return Phrase("date", f"{day} {start.day} {vocab.MONTH_SHORT[start.month - 1]} {at}",
                  start=start, tz=tz)


def build_reasons(
    group: GroupProfile,
    *,
    topic_label: str | None,
    for_family: bool = False,
    distance_km: float | None,
    units: str,
    next_start: datetime | None,
    in_progress: bool,
    now: datetime,
    tz: str | None,
    languages: tuple[str, ...],
    audience: tuple[str, ...],
    access: tuple[str, ...],
    stale_since: date | None,
) -> list[Phrase]:
    """The reason phrases for one group, most important first (keys: ``topic``,
    ``for_family``, ``online``, ``by_phone``, ``distance``, ``distance_or_online``,
    ``in_person_or_online``, ``cost``, the :func:`when_text` keys, ``no_upcoming``,
    ``language``, ``audience``, ``access``, ``not_accepting``, ``stale_since``,
    ``not_verified``)."""
    out: list[Phrase] = []
    if topic_label:
        out.append(topic_label if isinstance(topic_label, Phrase)
                   else Phrase("topic", topic_label, label=topic_label))
    if for_family:
        out.append(Phrase("for_family", "for family members"))
    if group.format in ("online", "phone"):
        out.append(Phrase("online", "online") if group.format == "online"
                   else Phrase("by_phone", "by phone"))
    elif distance_km is not None:
        text = format_distance(distance_km, units)
        if group.format == "hybrid":
            out.append(Phrase("distance_or_online", f"{text} or online", km=distance_km,
                              units=units))
        else:
            out.append(Phrase("distance", text, km=distance_km, units=units))
    elif group.format == "hybrid":
        out.append(Phrase("in_person_or_online", "in person or online"))
    cost = vocab.COSTS.get(group.cost)
    if cost:
        out.append(Phrase("cost", cost.lower(), code=group.cost))
    if next_start is not None:
        out.append(when_text(next_start, in_progress, now, tz))
    else:
        out.append(Phrase("no_upcoming", "no upcoming meeting"))
    for code in languages:
        if code in group.languages:
            out.append(Phrase("language", f"in {vocab.LANGUAGES.get(code, code)}", code=code))
            break
    for code in audience:
        if code in group.audience and code != "everyone":
            english = (f"for {vocab.AUDIENCES[code].lower()}"
                       if code not in ("lgbtq", "bipoc") else f"for {vocab.AUDIENCES[code]}")
            out.append(Phrase("audience", english, code=code))
            break
    for code in access:
        if code in group.access:
            out.append(Phrase("access", vocab.ACCESS[code].lower(), code=code))
    if not group.accepting_new_members:
        out.append(Phrase("not_accepting", "not taking new members now"))
    if stale_since is not None:
        month = vocab.MONTH_SHORT[stale_since.month - 1]
        out.append(Phrase("stale_since", f"not verified since {month} {stale_since.year}",
                          since=stale_since))
    elif group.last_verified is None:
        out.append(Phrase("not_verified", "not yet verified"))
    return out
