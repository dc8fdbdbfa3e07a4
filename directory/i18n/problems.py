"""Messages the system builds as text — import and sync problems, schema errors, notes it
stores — said in the reader's language.

A :class:`Problem` is a message code with the values it was made from. It *is* its English
text (a ``str``), so callers, logs, the CLI and tests that compare text keep working; the web
layer shows it through :func:`render`, which looks its wording up in the catalog at display
time. What is stored keeps ``Problem.stored()`` (code and values) next to the English text;
an old row without one shows its text (through ``phrases.say``, which still recognises the
messages it knows).

``WORDING`` is the one place that knows each message's words (``%(name)s`` marks a value).
Plain Python: the formats, the listing schema and the services import it.
"""

from __future__ import annotations

from typing import Any

from directory.i18n.text import N_, gettext, pgettext

WORDING: dict[str, str] = {
    # a message as a sentence on its own (a form's field error): its first letter capital
    "sentence": "%(message)s",
    # a part of an edit a moderator did not keep (moderation/queue.py), by its English label;
    # said as the moderation page names it (a field in words, "Tuesday 7:00 pm meeting added")
    "part-field": "%(label)s",
    "part-meeting": "%(label)s",
    # where a problem is in a file (listings/report.py RowError)
    "at-file": N_("%(file)s: %(message)s"),
    "at-file-field": N_("%(file)s, field '%(field)s': %(message)s"),
    "at-line": N_("%(file)s, line %(line)s: %(message)s"),
    "at-line-field": N_("%(file)s, line %(line)s, field '%(field)s': %(message)s"),
    "at-entry": N_("%(file)s, entry %(line)s: %(message)s"),
    "at-entry-field": N_("%(file)s, entry %(line)s, field '%(field)s': %(message)s"),
    # the listing schema (listings/schema.py)
    "required": N_("is required"),
    "coordinates-together": N_("latitude and longitude must be given together"),
    "before-starts-on": N_("is before starts_on"),
    "active-or-paused": N_("'%(value)s' must be active or paused"),
    "fee-not-allowed": N_("a fee amount is only allowed when cost is fee or sliding-scale"),
    "fee-required": N_("required when cost is fee"),
    "currency-required": N_("required with fee_amount (e.g. USD)"),
    "amount-required": N_("required with fee_currency"),
    "needs-place": N_("a %(attendance)s meeting needs a place (address, city, postal_code, "
                      "country, or latitude and longitude)"),
    "needs-online": N_("an %(kind)s meeting needs online_url or online_phone"),
    "needs-phone": N_("a phone meeting needs online_phone"),
    "repeats-meeting-of": N_("repeats an earlier meeting of group '%(slug)s'"),
    "repeats-meeting": N_("repeats an earlier meeting of this group"),
    "all-closed": N_("every meeting is temporarily closed: a listed group needs at least one "
                     "meeting people can go to (or pause the listing)"),
    "wrong-kind": N_("has the wrong kind of value (%(detail)s)"),
    "too-many": N_("has too many entries"),
    # filling coordinates and zones before a write (listings/store.py)
    "zone-missing": N_("is required: no time zone was given and none could be derived from "
                       "the place"),
    "place-not-located": N_("meeting %(number)s (%(who)s): the place could not be located; "
                            "kept without coordinates for a moderator to fix"),
    # what an import did (listings/report.py, import_jobs.py)
    "joined": N_("%(first)s; %(rest)s"),
    "import-counts": N_("%(created)s created, %(updated)s updated, %(unchanged)s unchanged"),
    "import-removed": N_("%(count)s meeting(s) removed"),
    "import-skipped": N_("%(count)s invalid entries skipped"),
    "import-conflicts": N_("%(count)s conflict(s) with edits made here, waiting in the "
                           "moderation queue: %(slugs)s"),
    "import-summary": N_("%(file)s: %(counts)s"),
    "import-summary-removed": N_("%(file)s: %(counts)s (removed: %(removed)s)"),
    "removed-meeting": N_("%(slug)s: %(when)s"),
    # the CSV format (formats/csv.py) and the importer (imports.py)
    "nul-bytes": N_("this is not a text CSV file (it contains NUL bytes)"),
    "malformed-csv": N_("malformed CSV: %(detail)s"),
    "empty-file": N_("the file is empty; a header row is required"),
    "unknown-column": N_("unknown column '%(name)s'"),
    "empty-column-name": N_("empty column name"),
    "repeated-column": N_("column appears more than once"),
    "missing-column": N_("required column is missing"),
    "cell-count": N_("has %(cells)s cells; the header has %(header)s"),
    "not-a-slug": N_("'%(value)s' is not a slug (lowercase letters, digits and single "
                     "hyphens, at most %(most)s characters)"),
    "differs-from-line": N_("differs from line %(first)s of the same group '%(slug)s'; group "
                            "fields must be the same on every row"),
    "duplicate-slug-rows": N_("duplicate slug '%(slug)s': that group's rows start at line "
                              "%(first)s; rows of one group must be consecutive"),
    "no-rows": N_("the file has a header but no listing rows"),
    "not-json": N_("not JSON: %(detail)s"),
    "feed-options-csv": N_("--topic, --approach and --cost are for Meeting Guide (.json) "
                           "files; a CSV file carries them in its columns."),
    # Meeting Guide feeds (formats/meeting_guide.py)
    "meeting": N_("meeting %(label)s: %(message)s"),
    "entry-warning": N_("%(file)s, entry %(entry)s: meeting %(label)s: %(message)s"),
    "duplicate-slug-entry": N_("duplicate slug '%(slug)s': entry %(entry)s has it too"),
    "time-read-as": N_("time '%(value)s' read as %(normal)s (the spec gives HH:MM, 24-hour)"),
    "end-time-read-as": N_("end_time '%(value)s' read as %(normal)s (the spec gives HH:MM, "
                           "24-hour)"),
    "day-read-as": N_("day '%(value)s' read as %(day)s (the spec gives days as 0–6, Sunday = "
                      "0)"),
    "too-long": N_("is %(length)s characters long; the limit is %(limit)s"),
    "mg-topic-required": N_("is required: the Meeting Guide format has no topic (--topic)"),
    "mg-cost": N_("'%(value)s' cannot be imported from Meeting Guide (use free or donation; "
                  "set fees afterwards)"),
    "mg-default-zone": N_("the feed's default time zone: %(message)s"),
    "mg-not-array": N_("a Meeting Guide feed is a JSON array of meetings; this is a JSON "
                       "%(kind)s"),
    "mg-no-meetings": N_("the feed has no meetings"),
    "mg-not-object": N_("is a JSON %(kind)s; each meeting is an object"),
    "mg-not-string": N_("must be a string"),
    "mg-not-number": N_("must be a number"),
    "mg-types": N_("must be a list of type codes (strings)"),
    "mg-slug-required": N_("is required (a unique identifier of the meeting)"),
    "mg-no-day": N_("is an empty list; give a day 0–6 (Sunday = 0)"),
    "mg-not-a-day": N_("%(value)s is not a day 0–6 (Sunday = 0)"),
    "mg-appointment-beside": N_("by appointment (no day); the group's scheduled meetings are "
                                "listed"),
    "mg-appointment-alone": N_("by appointment (no day); listed without a scheduled meeting"),
    # TSML sheets, BMLT and HSDS documents (formats/tsml_table.py, bmlt.py, hsds.py)
    "tsml-empty": N_("the sheet is empty; a header row is required"),
    "tsml-unknown-column": N_("column '%(name)s' is not a TSML column; ignored"),
    "tsml-missing-name": N_("required column is missing (or Location, to name meetings "
                            "after)"),
    "tsml-zip": N_("postal code '%(value)s' read as %(normal)s (a spreadsheet drops a ZIP "
                   "code's leading zeros)"),
    "tsml-type": N_("type '%(value)s' is not a Meeting Guide type; kept as it is"),
    "tsml-no-meetings": N_("the sheet has no meetings"),
    "bmlt-not-array": N_("a BMLT GetSearchResults document is a JSON array of meetings; this "
                         "is a JSON %(kind)s"),
    "bmlt-unpublished": N_("%(count)s unpublished meeting(s) left out"),
    "bmlt-none-published": N_("the document has no published meetings"),
    "hsds-not-list": N_("an HSDS document is a list of services (or an API page of them); "
                        "this is a JSON %(kind)s"),
    "hsds-not-object": N_("service %(number)s is not an object; left out"),
    "hsds-no-weekly": N_("the document has no service with a weekly schedule"),
    "hsds-not-weekly": N_("service '%(name)s': schedule %(schedule)s is %(freq)s, not weekly; "
                          "left out"),
    # data-source sync (sources/sync.py)
    "not-utf8": N_("not UTF-8 text (%(detail)s at byte %(byte)s)"),
    "feed-not-modified": N_("the feed has not changed"),
    "feed-same": N_("the feed is the same as last time"),
    "feed-empty": N_("the feed has no listings"),
    "nothing-synced": N_("nothing was synced: %(reason)s"),
    "sync-failed": N_("sync failed: %(detail)s"),
    "gone-from-feed": N_("no longer in the feed of source '%(source)s'"),
    "source-removed": N_("source '%(source)s' was removed"),
    # notes the moderation stores (moderation/queue.py, editors.py)
    "kept-ours": N_("Kept the listing as it is here."),
    "not-kept": N_("Not kept: %(parts)s. %(reason)s"),
    "editor-joined": N_("%(email)s accepted invitation #%(number)s to edit the listings of "
                        "%(organization)s"),
    "editor-removed": N_("%(email)s no longer edits the listings of %(organization)s"),
    "trusted-organization": N_("trusted organization %(organization)s"),
    "staff-link-issued": N_("%(email)s: %(purpose)s link #%(number)s, valid %(hours)s hours"),
    "staff-invited": N_("%(email)s invited as %(role)s"),
    "staff-password-set": N_("%(email)s chose a password through %(purpose)s link "
                             "#%(number)s"),
    "not-verified-days": N_("not verified for %(days)s days"),
    "checked-phone": N_("checked by phone"),
    "checked-email": N_("checked by e-mail"),
    "checked-website": N_("checked on their website"),
    "revert-of": N_("revert of entry #%(number)s (%(action)s)"),
    "editor-invited": N_("%(email)s invited to edit the listings of %(organization)s "
                         "(invitation #%(number)s, valid %(hours)s hours)"),
    # the HSDS API's query parameters (feeds/hsds.py parse_query)
    "hsds-unknown-parameter": N_("is not a parameter of this endpoint (use one of: "
                                 "%(known)s)"),
    "hsds-no-parameters": N_("is not a parameter of this endpoint (it takes no parameters)"),
    "hsds-give-once": N_("give it once"),
    "hsds-whole-number": N_("must be a whole number from 1 to %(high)s"),
    "hsds-only-json": N_("only json is offered"),
    "hsds-true-or-false": N_("must be true or false"),
    "hsds-ids": N_("give one id, or several separated by commas"),
    "hsds-too-many-ids": N_("give at most %(most)s ids"),
    "hsds-not-uuid": N_("'%(value)s' is not a UUID"),
    "hsds-not-moment": N_("must be an ISO 8601 date or date-time, e.g. 2026-11-01 or "
                          "2026-11-01T12:00:00Z"),
    "hsds-too-long": N_("must be at most %(most)s characters"),
    "hsds-control-characters": N_("must not contain control characters"),
    "hsds-too-many-words": N_("use at most %(most)s words"),
}


def _attendance_words(code: str) -> str:
    """How a meeting is attended, as one word inside a message ("a hybrid meeting")."""
    words = {"in-person": pgettext("attendance", "in-person"),
             "hybrid": pgettext("attendance", "hybrid"),
             "online": pgettext("attendance", "online"),
             "phone": pgettext("attendance", "phone")}
    return words.get(code, code)


class Problem(str):
    """A message: its English text, with the code and values it was made from."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Problem:
        template = WORDING[code]
        params = {k: v if isinstance(v, str | int | float) or v is None else str(v)
                  for k, v in params.items()}  # plain JSON; a Problem stays one
        text = template % {k: str(v) for k, v in params.items()} if params else template
        self = super().__new__(cls, _capital(text) if code == "sentence" else text)
        self.code = code
        self.params = params
        return self

    def __getnewargs_ex__(self) -> tuple[tuple, dict]:  # pickling (RQ jobs)
        return (self.code,), dict(self.params)

    def __getitem__(self, key):  # noqa: ANN001, ANN204 - as str's
        """A slice that keeps the whole text (``note[:2000]``) keeps the Problem too."""
        out = str.__getitem__(self, key)
        return self if out == str(self) else out

    def stored(self) -> dict[str, Any]:
        """Code and values as plain JSON (a value that is a Problem nested)."""
        return {"code": self.code,
                "params": {k: v.stored() if isinstance(v, Problem) else v
                           for k, v in self.params.items()}}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(message: str) -> str:
    """A message that starts a sentence ("A hybrid meeting needs a place …"), in any language."""
    if isinstance(message, Problem):
        return Problem("sentence", message=message)
    return _capital(message)


def joined(parts: list[str]) -> str:
    """Messages one after another, separated by "; " (a Problem when any part is one)."""
    if not parts:
        return ""
    out = parts[-1]
    for part in reversed(parts[:-1]):
        out = Problem("joined", first=part, rest=out)
    return out


def stored(value: object) -> dict[str, Any] | None:
    """What to keep next to a message's text: its code and values, or None for plain text."""
    return value.stored() if isinstance(value, Problem) else None


def load(data: object, text: str | None = None) -> str | None:
    """A stored message back: a Problem from ``{"code", "params"}`` (a code this version does
    not know, or no code: the stored text)."""
    if isinstance(data, dict) and data.get("code") in WORDING:
        params = {k: load(v, v if isinstance(v, str) else None) if isinstance(v, dict) else v
                  for k, v in (data.get("params") or {}).items()}
        try:
            return Problem(data["code"], **params)
        except (KeyError, ValueError, TypeError):
            return text
    return text


def render(value: object, stored_as: object = None) -> str:
    """A message in the current language: a Problem through the catalog; a stored message's
    text with its `stored_as` code; any other text as ``phrases.say`` says it (the messages it
    knows translated, the rest as written)."""
    if stored_as is not None and not isinstance(value, Problem):
        loaded = load(stored_as, None if value is None else str(value))
        value = loaded if loaded is not None else value
    if value is None:
        return ""
    if isinstance(value, Problem):
        if value.code in _PARTS:
            return _PARTS[value.code](value.params)
        values = {k: _render_value(k, v, value.params) for k, v in value.params.items()}
        try:
            said = gettext(WORDING[value.code]) % values
        except (KeyError, ValueError, TypeError):  # a broken translation: the English
            return str(value)
        return _capital(said) if value.code == "sentence" else said
    if isinstance(value, dict) and "code" in value:
        return render(load(value, value.get("text")))
    from directory.i18n.phrases import say  # phrases imports the catalogs' message lists
    said = say(value)
    text = str(value)
    if said == text and text[:1].islower():
        # A field's message as the form words it ("is required" → "This is required").
        form = "This " + text if text.startswith(("is ", "contains ")) else text
        form = form[:1].upper() + form[1:]
        if say(form) != form:
            return say(form)
    return said


def _render_value(name: str, value: object, params: dict[str, Any]) -> str:
    if isinstance(value, Problem) or name in ("message", "reason"):
        return render(value)
    if name == "when" and "day" in params and "clock" in params:
        return _meeting_when(params)
    if name in ("attendance", "kind") and isinstance(value, str):
        return _attendance_words(value)
    if name == "action" and isinstance(value, str):  # an audit entry's action, in words
        from directory.moderation.audit import action_words
        return action_words(value)
    if name == "role" and value in ("admin", "moderator"):
        return gettext("admin") if value == "admin" else gettext("moderator")  # the team
    return "" if value is None else str(value)


def _meeting_when(params: dict[str, Any]) -> str:
    """A meeting's weekday, time and recurrence ("Tuesday 7:00 pm", "martes 19:00")."""
    from datetime import time

    from directory.i18n import labels, text
    from directory.listings.fields import Recurrence
    try:
        words = f"{text.weekday_name(int(params['day']))} " \
                f"{text.clock(time.fromisoformat(str(params['clock'])))}"
    except (ValueError, IndexError, TypeError):
        return str(params.get("when", ""))
    recurrence = params.get("recurrence")
    if recurrence and recurrence != "weekly":
        try:
            said = labels.translate(Recurrence.parse(str(recurrence)).label())
        except (ValueError, AttributeError):
            said = str(recurrence)
        words = f"{words} ({said})"
    return words


def _part_field(params: dict[str, Any]) -> str:
    from directory.moderation.audit import field_words
    return field_words(str(params.get("field") or params.get("label", "")))


def _part_meeting(params: dict[str, Any]) -> str:
    when = gettext("%(when)s meeting", when=_meeting_when(params))
    what = params.get("what")
    if what == "added":
        return gettext("%(what)s added", what=when)
    if what == "removed":
        return gettext("%(what)s removed", what=when)
    return gettext("%(what)s changed", what=when)


_PARTS = {"part-field": _part_field, "part-meeting": _part_meeting}
