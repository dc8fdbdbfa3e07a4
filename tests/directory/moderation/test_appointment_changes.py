"""Meetings by appointment (from data sources) in a moderator's diff: shown, chosen and
applied as one field, never silently dropped by a partial approval."""

from __future__ import annotations

from directory.formats.csv import listing_from_rows
from directory.listings.diff import diff_listings
from directory.listings.schema import AppointmentIn
from directory.moderation.audit import change_label, sentence
from directory.moderation.queue import accepted_listing, edit_choices

ROWS = [{
    "group_name": "Harbor Sponsorship Circle", "topics": "alcohol", "format": "online",
    "cost": "free", "weekday": "thu", "start_time": "19:00", "timezone": "America/Chicago",
    "online_url": "https://meet.example.org/harbor",
}]
LIVE = listing_from_rows(ROWS)
PHONE_LINE = AppointmentIn.model_validate({
    "name": "Sponsorship line", "attendance": "online",
    "online": {"phone": "+1 555 0142", "notes": "Call any evening"}})


def with_appointments(*appointments: AppointmentIn, name: str | None = None):
    update = {"appointments": list(appointments)}
    if name:
        update["name"] = name
    return LIVE.model_copy(update=update)


def test_an_added_meeting_by_appointment_is_a_row_of_the_diff_in_words():
    changes = {c.label: (c.before, c.after) for c in diff_listings(LIVE, with_appointments(
        PHONE_LINE))}
    assert changes == {"appointments": ("", "Sponsorship line, tel:+1 555 0142")}


def test_an_unchanged_meeting_by_appointment_is_no_change():
    assert diff_listings(with_appointments(PHONE_LINE), with_appointments(PHONE_LINE)) == []


def test_a_partial_approval_applies_the_appointments_only_when_ticked():
    proposed = with_appointments(PHONE_LINE, name="Harbor Sponsorship")
    choices = {c.key: c for c in edit_choices(LIVE, proposed)}
    assert set(choices) == {"field:name", "field:appointments"}
    kept = accepted_listing(LIVE, proposed, {"field:appointments"})
    assert kept.appointments == [PHONE_LINE] and kept.name == LIVE.name
    rejected = accepted_listing(LIVE, proposed, {"field:name"})
    assert rejected.appointments == [] and rejected.name == "Harbor Sponsorship"


def test_the_change_is_named_in_the_moderators_language(app):
    (change,) = diff_listings(with_appointments(PHONE_LINE), LIVE)
    with app.test_request_context("/?hl=es"):
        assert change_label(change) == "Reuniones con cita previa"
        assert sentence(change).startswith("Reuniones con cita previa")
    with app.test_request_context("/?hl=fr"):
        assert change_label(change) == "Réunions sur rendez-vous"
