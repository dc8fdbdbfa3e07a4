"""When a meeting next happens: exact (zoneinfo, per meeting) and vectorised (for ranking).

Meetings recur in their own time zone's wall-clock time, so a 7 pm meeting stays at 7 pm
across a daylight-saving change. :func:`next_occurrence` is exact and is what results show;
:class:`MeetingTable` estimates minutes-until-next for every meeting at once with numpy (exact
in local wall-clock terms; it may be off by the DST shift when a change falls in between), and
is used only for ranking and filtering.
"""

from __future__ import annotations

import calendar
import math
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from matching import weights as W
from matching.grow import appended, roomy
from matching.profiles import MeetingProfile

# Bits of a monthly recurrence mask: bit n-1 = "n-th such weekday" (1..5); LAST_BIT = last.
LAST_BIT = 1 << 5
WEEKLY = 0


def parse_recurrence(text: str | None) -> int:
    """0 for weekly, else a bit mask of monthly positions (see ``LAST_BIT``).

    ``"monthly:1,3"`` → 1st and 3rd; ``"monthly:-1"`` → last. Anything unreadable is weekly.
    """
    if not text or not isinstance(text, str):
        return WEEKLY
    text = text.strip().lower()
    if not text.startswith("monthly:"):
        return WEEKLY
    mask = 0
    for part in text[len("monthly:"):].split(","):
        part = part.strip()
        try:
            n = int(part)
        except ValueError:
            continue
        if 1 <= n <= 5:
            mask |= 1 << (n - 1)
        elif n == -1:
            mask |= LAST_BIT
    return mask


def date_matches_monthly(day: date, mask: int) -> bool:
    """True when ``day`` is one of the month positions in ``mask`` for its weekday."""
    if mask == WEEKLY:
        return True
    nth = (day.day - 1) // 7 + 1
    if mask & (1 << (nth - 1)):
        return True
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return bool(mask & LAST_BIT) and day.day + 7 > days_in_month


@lru_cache(maxsize=1024)
def zone(name: str) -> tzinfo:
    """The zone for an IANA name; UTC for a name zoneinfo cannot load."""
    try:
        return ZoneInfo(name)
    except Exception:  # malformed keys raise ValueError or ZoneInfoNotFoundError
        return UTC


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def _wall(day: date, minute: int, tz: tzinfo) -> datetime:
    """The instant a wall-clock time happens; a time skipped by DST moves forward."""
    naive = datetime(day.year, day.month, day.day) + timedelta(minutes=minute)
    local = naive.replace(tzinfo=tz)
    # Round-trip through UTC normalises a non-existent wall time (02:30 on spring-forward).
    return local.astimezone(UTC).astimezone(tz)


def duration_minutes(meeting: MeetingProfile) -> int:
    """Meeting length in minutes; an end before the start runs past midnight."""
    start = meeting.start.hour * 60 + meeting.start.minute
    if meeting.end is None:
        return W.DEFAULT_MEETING_MINUTES
    end = meeting.end.hour * 60 + meeting.end.minute
    length = end - start
    if length <= 0:
        length += 24 * 60
    return length


def next_occurrence(meeting: MeetingProfile, now: datetime) -> tuple[datetime | None, bool]:
    """The start of the meeting's current or next occurrence, and whether it is in progress.

    Parameters:
        meeting: the meeting; times are wall-clock in ``meeting.timezone``.
        now: the current instant (aware; a naive value is taken as UTC).

    Returns:
        ``(start, in_progress)``: ``start`` is aware in the meeting's own zone. When a meeting
        is in progress, ``start`` is the start of that occurrence and ``in_progress`` is True.
        ``(None, False)`` when no occurrence is left (after ``ends_on``).

    Example:
        >>> from datetime import time
        >>> m = MeetingProfile(weekday=1, start=time(19), timezone="America/New_York")
        >>> start, now_on = next_occurrence(m, datetime(2026, 3, 6, 12, tzinfo=UTC))
        >>> start.isoformat(), now_on
        ('2026-03-10T19:00:00-04:00', False)
    """
    try:
        tz = zone(meeting.timezone)
        now = _aware(now)
        local_now = now.astimezone(tz)
        mask = parse_recurrence(meeting.recurrence)
        start_min = meeting.start.hour * 60 + meeting.start.minute
        length = timedelta(minutes=duration_minutes(meeting))
        weekday = int(meeting.weekday) % 7
    except Exception:  # malformed profile data must not break a search
        return None, False
    # Start a day early: an overnight meeting that began yesterday may still be running.
    first = local_now.date() - timedelta(days=1)
    first += timedelta(days=(weekday - first.weekday()) % 7)
    if meeting.starts_on and first < meeting.starts_on:
        first = meeting.starts_on + timedelta(days=(weekday - meeting.starts_on.weekday()) % 7)
    # A 5th-weekday meeting can be ~3 months away; two years of weeks is plenty.
    for week in range(110):
        day = first + timedelta(days=7 * week)
        if meeting.ends_on and day > meeting.ends_on:
            return None, False
        if not date_matches_monthly(day, mask):
            continue
        start = _wall(day, start_min, tz)
        if now < start:
            return start, False
        if now < start + length:
            return start, True
    return None, False


_EPOCH_ORD = date(1970, 1, 1).toordinal()
_NO_DATE = np.iinfo(np.int32).max
_MIN_DATE = np.iinfo(np.int32).min
_WEEK = 7 * 1440


class MeetingTable:
    """All meetings of an index as numpy columns, grouped by owner (``group`` ascending)."""

    def __init__(self, groups_meetings: list[tuple[MeetingProfile, ...]]) -> None:
        owner: list[int] = []
        weekday: list[int] = []
        start: list[int] = []
        length: list[int] = []
        tz_id: list[int] = []
        monthly: list[int] = []
        starts_on: list[int] = []
        ends_on: list[int] = []
        online: list[bool] = []
        position: list[int] = []
        tz_names: dict[str, int] = {}
        recurrences: dict[str, int] = {}
        for gi, meetings in enumerate(groups_meetings):
            for pos, m in enumerate(meetings):
                try:
                    wd = int(m.weekday) % 7
                    st = m.start.hour * 60 + m.start.minute
                    ln = duration_minutes(m)
                except Exception:  # skip a malformed meeting rather than fail the build
                    continue
                owner.append(gi)
                weekday.append(wd)
                start.append(st)
                length.append(ln)
                name = m.timezone if isinstance(m.timezone, str) else "UTC"
                tz_id.append(tz_names.setdefault(name, len(tz_names)))
                rec = m.recurrence
                mask = recurrences.get(rec) if isinstance(rec, str) else None
                if mask is None:
                    mask = parse_recurrence(rec)
                    if isinstance(rec, str):
                        recurrences[rec] = mask
                monthly.append(mask)
                starts_on.append(m.starts_on.toordinal() if m.starts_on else _MIN_DATE)
                ends_on.append(m.ends_on.toordinal() if m.ends_on else _NO_DATE)
                online.append(bool(getattr(m, "online", False)))
                position.append(pos)
        self.owner = np.asarray(owner, dtype=np.int32)
        self.weekday = np.asarray(weekday, dtype=np.int8)
        self.start = np.asarray(start, dtype=np.int32)
        self.length = np.asarray(length, dtype=np.int32)
        self.tz_id = np.asarray(tz_id, dtype=np.int16)
        self.monthly = np.asarray(monthly, dtype=np.int8)
        self.starts_on = np.asarray(starts_on, dtype=np.int32)
        self.ends_on = np.asarray(ends_on, dtype=np.int32)
        # Joined from anywhere (no place, or an online/phone group); index in the group.
        self.online = np.asarray(online, dtype=bool)
        self.position = np.asarray(position, dtype=np.int32)
        # Meetings of group g are rows ptr[g]:ptr[g + 1] (owners ascending).
        self.ptr = np.zeros(len(groups_meetings) + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.owner, minlength=len(groups_meetings)), out=self.ptr[1:])
        self.tz_names = list(tz_names)
        self.tz_objs = [zone(n) for n in self.tz_names]
        # (day, time-of-day) bit per meeting: bit = weekday * 4 + bucket.
        bucket = np.where(self.start < 300, 3, np.where(self.start < 720, 0,
                          np.where(self.start < 1020, 1, np.where(self.start < 1260, 2, 3))))
        self.slot_bit = (np.uint32(1) << (self.weekday.astype(np.uint32) * 4
                                         + bucket.astype(np.uint32))).astype(np.uint32)
        # Minute of the week it starts (Monday 00:00 = 0), and whether it simply recurs
        # every week with no first or last date: then the next start is one subtraction.
        self.week_start = (self.weekday.astype(np.int32) * 1440 + self.start).astype(np.int16)
        self.weekly = (self.monthly == 0) & (self.starts_on == _MIN_DATE) & (
            self.ends_on == _NO_DATE) & (self.length < _WEEK)
        # With room to grow: extended() appends meetings in place (matching/grow.py).
        for key in (*self._COLUMNS, "owner", "tz_id", "ptr"):
            setattr(self, key, roomy(getattr(self, key)))

    _COLUMNS = ("weekday", "start", "length", "monthly", "starts_on", "ends_on", "online",
                "position", "slot_bit", "week_start", "weekly")

    def extended(self, more: MeetingTable, group_offset: int) -> MeetingTable:
        """A new table: these meetings, then ``more``'s (its groups numbered from
        ``group_offset``, after this table's groups)."""
        out = MeetingTable.__new__(MeetingTable)
        names = list(self.tz_names)
        known = {name: i for i, name in enumerate(names)}
        for name in more.tz_names:
            if name not in known:
                known[name] = len(names)
                names.append(name)
        remap = np.array([known[name] for name in more.tz_names] or [0], dtype=np.int16)
        # Written after this table's rows, in place when there is room; this table reads
        # only its own rows, so it is unchanged.
        for key in self._COLUMNS:
            setattr(out, key, appended(getattr(self, key), getattr(more, key)))
        out.owner = appended(self.owner, (more.owner + group_offset).astype(np.int32))
        out.tz_id = appended(self.tz_id, remap[more.tz_id])
        out.ptr = appended(self.ptr, more.ptr[1:] + self.ptr[-1])
        out.tz_names = names
        out.tz_objs = [*self.tz_objs, *(zone(n) for n in names[len(self.tz_names):])]
        return out

    def rows_of(self, groups: np.ndarray) -> np.ndarray:
        """The meeting rows of the given groups (ascending groups give ascending rows)."""
        lo = self.ptr[groups]
        counts = self.ptr[np.asarray(groups) + 1] - lo
        total = int(counts.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        # Each group's run: its first row, then +1 per meeting.
        starts = np.repeat(lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        return starts + np.arange(total)

    def local_now(self, now: datetime) -> tuple[np.ndarray, np.ndarray]:
        """Per zone id: today's local date ordinal and the local minute of day (read-only;
        the last instant's are kept: a search asks several times, with hundreds of zones)."""
        now = _aware(now)
        last = getattr(self, "_local_now", None)
        if last is not None and last[0] == now:
            return last[1], last[2]
        days = np.empty(len(self.tz_objs), dtype=np.int64)
        mins = np.empty(len(self.tz_objs), dtype=np.int64)
        for i, tz in enumerate(self.tz_objs):
            local = now.astimezone(tz)
            days[i] = local.toordinal()
            mins[i] = local.hour * 60 + local.minute
        days.flags.writeable = mins.flags.writeable = False
        self._local_now = (now, days, mins)
        return days, mins

    def minutes_until(self, rows: np.ndarray, now: datetime) -> np.ndarray:
        """Minutes from ``now`` to each meeting's next start (≤ 0 while in progress; inf if none).

        ``rows`` selects meetings. Local wall-clock arithmetic: within one DST shift of exact.
        """
        out = np.full(rows.shape[0], np.inf)
        if rows.size == 0 or not self.tz_objs:
            return out
        tz_days, tz_mins = self.local_now(now)
        tzi = self.tz_id[rows]
        # Weekly meetings (most): the minutes since the latest start on the local clock;
        # under its length it is in progress, else the next start is a week after it.
        weekly = self.weekly[rows]
        every = bool(weekly.all())
        sel, sel_tz = (rows, tzi) if every else (rows[weekly], tzi[weekly])
        now_wk = (((tz_days - 1) % 7) * 1440 + tz_mins).astype(np.int32)
        since = now_wk[sel_tz] - self.week_start[sel]
        since += _WEEK * (since < 0)
        mins = np.where(since < self.length[sel], -since, _WEEK - since)
        if every:
            out[:] = mins
            return out
        out[weekly] = mins
        rest = ~weekly
        out[rest] = self._minutes_until(rows[rest], tzi[rest], tz_days, tz_mins)
        return out

    def _minutes_until(self, rows: np.ndarray, tzi: np.ndarray, tz_days: np.ndarray,
                       tz_mins: np.ndarray) -> np.ndarray:
        """minutes_until for meetings with a recurrence, a first or a last date."""
        out = np.full(rows.shape[0], np.inf)
        d0 = tz_days[tzi]
        m0 = tz_mins[tzi]
        wd = self.weekday[rows].astype(np.int64)
        st = self.start[rows].astype(np.int64)
        ln = self.length[rows].astype(np.int64)
        starts_on = self.starts_on[rows].astype(np.int64)
        ends_on = self.ends_on[rows].astype(np.int64)
        monthly = self.monthly[rows].astype(np.int64)
        ref = np.maximum(d0, starts_on)
        # date.toordinal() of a Monday is ≡ 1 (mod 7): weekday = (ordinal - 1) % 7.
        ahead = (wd - (ref - 1) % 7) % 7
        cand = ref + ahead
        # Today's occurrence already over → next week.
        over = (cand == d0) & (m0 >= st + ln)
        cand = cand + 7 * over
        unresolved = np.zeros(cand.shape[0], dtype=bool)
        if np.any(monthly):
            pending = np.nonzero(monthly)[0]
            # Five-weekday months can be 17 weeks apart; the pending set shrinks quickly.
            for _ in range(60):
                if pending.size == 0:
                    break
                ok = _monthly_ok(cand[pending], monthly[pending])
                pending = pending[~ok]
                cand[pending] += 7
            unresolved[pending] = True
        valid = (cand <= ends_on) & ~unresolved
        minutes = (cand - d0) * 1440 + st - m0
        # An overnight meeting that started yesterday may still be running.
        prev = d0 - 1
        running = ((prev - 1) % 7 == wd) & (m0 + 1440 < st + ln) & (prev >= starts_on) & (
            prev <= ends_on)
        if np.any(running):
            idx = np.nonzero(running)[0]
            ok = np.ones(idx.size, dtype=bool)
            monthly_idx = monthly[idx] != 0
            if np.any(monthly_idx):
                ok[monthly_idx] = _monthly_ok(prev[idx][monthly_idx], monthly[idx][monthly_idx])
            idx = idx[ok]
            minutes[idx] = (prev[idx] - d0[idx]) * 1440 + st[idx] - m0[idx]
            valid[idx] = True
        out[valid] = minutes[valid]
        return out


def _week_of_month(ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per date ordinal: the bit of its week of the month (1 << (day - 1) // 7) and whether
    it falls in the month's last seven days."""
    days = (ordinals - _EPOCH_ORD).astype("datetime64[D]")
    month = days.astype("datetime64[M]")
    dom = (days - month.astype("datetime64[D]")).astype(np.int64) + 1
    dim = ((month + 1).astype("datetime64[D]") - month.astype("datetime64[D]")).astype(np.int64)
    return np.left_shift(1, (dom - 1) // 7).astype(np.int8), dom + 7 > dim


# Those of every date from 1970 to 2199, looked up instead of computed (a search's monthly
# meetings check a few dates each): built on first use, 168 KB.
_LUT_FIRST, _LUT_END = _EPOCH_ORD, date(2200, 1, 1).toordinal()
_lut: tuple[np.ndarray, np.ndarray] | None = None


def _monthly_ok(ordinals: np.ndarray, mask: np.ndarray) -> np.ndarray:
    global _lut
    ordinals = np.asarray(ordinals, dtype=np.int64)
    if ordinals.size and _LUT_FIRST <= ordinals.min() and ordinals.max() < _LUT_END:
        if _lut is None:
            _lut = _week_of_month(np.arange(_LUT_FIRST, _LUT_END, dtype=np.int64))
        nth_bit, in_last = _lut[0][ordinals - _LUT_FIRST], _lut[1][ordinals - _LUT_FIRST]
    else:
        nth_bit, in_last = _week_of_month(ordinals)
    last = in_last & ((mask & LAST_BIT) != 0)
    return ((mask & nth_bit) != 0) | last


# --- Whose clock -------------------------------------------------------------------------
# Filters judge a meeting's next occurrence on a clock: the seeker's for meetings joined from
# anywhere (online, phone; hybrid when the seeker asked for online), the meeting's own (its
# place's) for meetings attended in person. Instants below are UTC minutes since the epoch.

# Offsets are looked up exactly over this many days ahead (a weekly meeting's next occurrence
# is within a week; a monthly one within about 3 months); beyond it, the offset at the
# horizon is used. Shorter than the ~6 months between a zone's two yearly changes.
OFFSET_HORIZON_DAYS = 120
# Weekly meetings with no first/last date this close take the fast week-arithmetic path.
FAST_PATH_MARGIN_DAYS = 9
# "Today" ends at local midnight; with the ``night`` time (21–05) it runs on to 05:00.
NIGHT_ENDS_MINUTE = 5 * 60


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """IANA zone → ISO country code, from the tz database's zone.tab (tzdata's, else the
    system's); empty when neither is installed."""
    text = ""
    try:
        from importlib.resources import files

        text = files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except Exception:  # tzdata missing or unreadable: try the system's copy
        try:
            with open("/usr/share/zoneinfo/zone.tab", encoding="utf-8") as fh:
                text = fh.read()
        except OSError:
            text = ""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3:
                out[parts[2]] = parts[0]
    return out


def zone_country(name: str | None) -> str | None:
    """The ISO country code of an IANA zone ("Europe/London" → "GB"), None if unknown.

    Example:
        >>> zone_country("America/Toronto"), zone_country("Australia/Perth")
        ('CA', 'AU')
    """
    if not name:
        return None
    return _zone_countries().get(name)


def same_region(a: str | None, b: str | None) -> bool:
    """True for the same zone, or zones of the same country."""
    if not a or not b:
        return False
    if a == b:
        return True
    ca, cb = zone_country(a), zone_country(b)
    return ca is not None and ca == cb


def _epoch_minutes(dt: datetime) -> float:
    return _aware(dt).timestamp() / 60.0


class ZoneClock:
    """A zone's UTC offset (minutes) from a day before ``now`` to ``OFFSET_HORIZON_DAYS`` after,
    vectorised.

    Zones change offset at most once in such a window, so the offset is ``before`` until the
    instant ``change`` and ``after`` from then on (``change`` is inf when nothing changes);
    ``current`` is the offset at ``now``. The day before covers a meeting in progress that
    began before a change.
    """

    def __init__(self, tz: tzinfo, now: datetime) -> None:
        now = _aware(now)
        self.tz = tz
        begin = now - timedelta(days=1)
        end = now + timedelta(days=OFFSET_HORIZON_DAYS)
        self.before = _offset_minutes(begin, tz)
        self.after = _offset_minutes(end, tz)
        self.change = math.inf
        if self.before != self.after:
            lo, hi = begin, end  # offset(lo) == before, offset(hi) == after
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if _offset_minutes(mid, tz) == self.before:
                    lo = mid
                else:
                    hi = mid
            # Offsets change on a whole minute: the first whole minute after `lo` that has
            # the new offset (the bisection alone leaves up to a minute of error, and a `now`
            # exactly at the change would read the old offset).
            first = math.floor(_epoch_minutes(lo))
            self.change = next(
                (float(m) for m in range(first, first + 3)
                 if _offset_minutes(datetime.fromtimestamp(m * 60, UTC), tz) == self.after),
                _epoch_minutes(hi))
        self.current = float(self.offset_at(np.array([_epoch_minutes(now)]))[0])

    @property
    def wall_change(self) -> float:
        """The local wall minute from which ``after`` applies, as :func:`_wall` reads times:
        a time skipped by a change takes the earlier offset (so it moves later), a repeated
        time is its first occurrence."""
        if math.isinf(self.change):
            return math.inf
        return self.change + self.before + max(0.0, self.after - self.before)

    def offset_at(self, instants: np.ndarray) -> np.ndarray:
        """The offset (minutes east of UTC) at each instant."""
        return np.where(instants < self.change, self.before, self.after)

    def local(self, instants: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each instant's local date ordinal and minute of the day on this clock."""
        wall = np.floor(instants + self.offset_at(instants))
        days = np.floor_divide(wall, 1440)
        return (days + _EPOCH_ORD).astype(np.int64), (wall - days * 1440).astype(np.int64)

    def today_ends(self, now: datetime, *, night: bool) -> float:
        """The instant "today" ends on this clock: next midnight, or 05:00 with ``night``."""
        day = _aware(now).astimezone(self.tz).date()
        end = _wall(day + timedelta(days=1), NIGHT_ENDS_MINUTE if night else 0, self.tz)
        return _epoch_minutes(end)


def _offset_minutes(dt: datetime, tz: tzinfo) -> float:
    offset = dt.astimezone(tz).utcoffset()
    return offset.total_seconds() / 60.0 if offset is not None else 0.0


def judge_occurrences(
    table: MeetingTable,
    rows: np.ndarray,
    now: datetime,
    *,
    seeker_tz: str | None,
    remote: np.ndarray,
    days: tuple[str, ...],
    times: tuple[str, ...],
) -> np.ndarray:
    """Which meetings' next occurrence falls on a wanted day and time, on the right clock.

    Parameters:
        table, rows: the meetings to judge (indexes into ``table``).
        now: the current instant.
        seeker_tz: the seeker's IANA zone, or None (each meeting is then judged on its own).
        remote: per row, True when the meeting is joined from anywhere: it is judged on the
            seeker's clock (when known); otherwise on its own zone's clock.
        days: ``mon`` … ``sun`` and/or ``today`` (any of them); empty = any day.
        times: ``morning``, ``afternoon``, ``evening``, ``night`` (any); empty = any time.

    Returns:
        A bool per row. The occurrence judged is the current (in progress) or next one; a
        meeting with no occurrence left never passes. ``today`` means: starting before the end
        of the seeker's today (05:00 tomorrow when ``night`` is wanted) and not over — so
        "tonight" never reaches next week. A seeker without a zone has each meeting's own
        today.
    """
    rows = np.asarray(rows, dtype=np.int64)
    if rows.size == 0:
        return np.zeros(0, dtype=bool)
    every = rows.size == table.owner.size and bool(rows[0] == 0 and rows[-1] == rows.size - 1)

    def take(column: np.ndarray) -> np.ndarray:
        # All meetings (the usual case) need no gather.
        return column if every else column[rows]

    now = _aware(now)
    now_min = _epoch_minutes(now)
    tz_ids = take(table.tz_id)
    own = [ZoneClock(tz, now) for tz in table.tz_objs]
    current = np.array([c.current for c in own], dtype=np.float64)
    # Minutes from the local wall minute of now (as minutes_until counts) to each start.
    wall_now = np.floor(now_min + current)[tz_ids]
    minutes = np.zeros(rows.size)
    finite = np.ones(rows.size, dtype=bool)
    # Fast path for weekly meetings with no first/last date near now: wall-clock arithmetic on
    # the minute of the week, as minutes_until does. The rest (monthly positions, first and
    # last dates) goes through minutes_until.
    today = int(now_min // 1440) + _EPOCH_ORD
    simple = ((take(table.monthly) == 0) & (take(table.starts_on) < today - 1)
              & (take(table.ends_on) > today + FAST_PATH_MARGIN_DAYS))
    if simple.any():
        sub = rows[simple]
        wn = wall_now[simple]
        day = np.floor_divide(wn, 1440)
        week_now = ((day + _EPOCH_ORD - 1) % 7) * 1440 + (wn - day * 1440)
        week_start = table.weekday[sub].astype(np.float64) * 1440 + table.start[sub]
        since = np.mod(week_now - week_start, 10080)
        running = since < table.length[sub]
        minutes[simple] = np.where(running, -since, np.mod(week_start - week_now, 10080))
    if not simple.all():
        hard = ~simple
        found = table.minutes_until(rows[hard], now)
        finite[hard] = np.isfinite(found)
        minutes[hard] = np.where(np.isfinite(found), found, 0.0)
    # The start instant: that wall time read on the meeting's clock (exact across a change).
    wall = wall_now + minutes
    wall_change = np.array([c.wall_change for c in own])[tz_ids]
    before = np.array([c.before for c in own])[tz_ids]
    after = np.array([c.after for c in own])[tz_ids]
    start = wall - np.where(wall < wall_change, before, after)

    weekday = take(table.weekday).astype(np.int64)
    minute = take(table.start).astype(np.int64)
    seeker = ZoneClock(zone(seeker_tz), now) if seeker_tz else None
    if seeker is not None and np.any(remote):
        sel = np.asarray(remote, dtype=bool)
        day_ord, minute_of_day = seeker.local(start[sel])
        weekday[sel] = (day_ord - 1) % 7
        minute[sel] = minute_of_day

    ok = finite.copy()
    if times:
        bucket = np.where(minute < 300, 3, np.where(minute < 720, 0, np.where(
            minute < 1020, 1, np.where(minute < 1260, 2, 3))))
        wanted_times = np.zeros(4, dtype=bool)
        wanted_times[[_TIME_CODES.index(t) for t in times if t in _TIME_CODES]] = True
        ok &= wanted_times[bucket]
    if days:
        wanted_days = np.zeros(7, dtype=bool)
        wanted_days[[_DAY_CODES.index(d) for d in days if d in _DAY_CODES]] = True
        day_ok = wanted_days[weekday]
        if "today" in days:
            night = "night" in times
            if seeker is not None:
                ends = np.full(rows.size, seeker.today_ends(now, night=night))
            else:
                per_zone = np.array([c.today_ends(now, night=night) for c in own])
                ends = per_zone[tz_ids]
            end_min = np.where(take(table.length) > 0, start + take(table.length), start)
            day_ok |= (start < ends) & (end_min > now_min)
        ok &= day_ok
    return ok


_DAY_CODES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME_CODES: tuple[str, ...] = ("morning", "afternoon", "evening", "night")
