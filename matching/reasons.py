"""The short "why this matches" parts of a result.

``reasons`` is a list of short phrases, most important first; the web layer joins them with
" · " to make the line, e.g. "Codependency · 2.3 mi · free · next Tue 7:00 pm".
"""

from __future__ import annotations

from datetime import date, datetime

from matching import vocab
from matching.geo import format_distance
from matching.profiles import GroupProfile
from matching.schedule import zone


def clock(dt: datetime) -> str:
    """"7:00 pm" style time."""
    hour = dt.hour % 12 or 12
    return f"{hour}:{dt.minute:02d} {'am' if dt.hour < 12 else 'pm'}"


def when_text(start: datetime, in_progress: bool, now: datetime, tz: str | None,
              show_zone: bool = False) -> str:
    """"today 7:00 pm", "tomorrow 9:30 am", "next Tue 7:00 pm", "Tue 12 Jan 7:00 pm".

    In the seeker's zone ``tz`` when given; otherwise in the meeting's own zone, named
    ("8:00 pm EST") when ``show_zone`` (online and phone meetings, joined from anywhere).
    """
    suffix = ""
    if tz:
        start = start.astimezone(zone(tz))
    elif show_zone:
        suffix = f" {start.tzname()}"
    local_now = now.astimezone(start.tzinfo)
    if in_progress:
        return f"meeting now (started {clock(start)}{suffix})"
    days = (start.date() - local_now.date()).days
    day = vocab.WEEKDAY_SHORT[start.weekday()]
    at = clock(start) + suffix
    if days <= 0:
        return f"today {at}"
    if days == 1:
        return f"tomorrow {at}"
    if days < 7:
        return f"next {day} {at}"
    return f"{day} {start.day} {vocab.MONTH_SHORT[start.month - 1]} {at}"


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
) -> list[str]:
    """The reason phrases for one group, most important first."""
    out: list[str] = []
    if topic_label:
        out.append(topic_label)
    if for_family:
        out.append("for family members")
    if group.format in ("online", "phone"):
        out.append("online" if group.format == "online" else "by phone")
    elif distance_km is not None:
        text = format_distance(distance_km, units)
        out.append(f"{text} or online" if group.format == "hybrid" else text)
    elif group.format == "hybrid":
        out.append("in person or online")
    cost = vocab.COSTS.get(group.cost)
    if cost:
        out.append(cost.lower())
    if next_start is not None:
        out.append(when_text(next_start, in_progress, now, tz,
                             show_zone=group.format in ("online", "phone")))
    else:
        out.append("no upcoming meeting")
    for code in languages:
        if code in group.languages:
            out.append(f"in {vocab.LANGUAGES.get(code, code)}")
            break
    for code in audience:
        if code in group.audience and code != "everyone":
            out.append(f"for {vocab.AUDIENCES[code].lower()}"
                       if code not in ("lgbtq", "bipoc") else f"for {vocab.AUDIENCES[code]}")
            break
    for code in access:
        if code in group.access:
            out.append(vocab.ACCESS[code].lower())
    if not group.accepting_new_members:
        out.append("not taking new members now")
    if stale_since is not None:
        month = vocab.MONTH_SHORT[stale_since.month - 1]
        out.append(f"not verified since {month} {stale_since.year}")
    elif group.last_verified is None:
        out.append("not yet verified")
    return out
