"""The moderation service: the one write path, idempotent submit, diffs."""

from __future__ import annotations

from sqlmodel import Session, select

from directory.db import get_engine
from directory.formats.csv import listing_from_rows
from directory.listings.diff import diff_listings
from directory.listings.store import NO_GEOCODER
from directory.models import Group, ListingRevision, utcnow
from directory.moderation import submissions

ROWS = [{
    "group_name": "Quiet Mind Circle", "topics": "anxiety", "format": "online",
    "cost": "free", "weekday": "wed", "start_time": "18:00", "timezone": "Europe/Dublin",
    "online_url": "https://meet.example.org/quiet",
}]
LISTING = listing_from_rows(ROWS)


def test_a_nonce_that_races_in_twice_gives_the_first_listing(app, session, monkeypatch):
    first = submissions.submit_listing(session, listing=LISTING, owner_email=None,
                                      form_nonce="nonce-0001", duplicate_of=[], now=utcnow(),
                                      geocoder=NO_GEOCODER)
    session.commit()
    # The second request checked before the first committed, so it did not see it.
    real = submissions.get_revision_by_nonce
    calls = []

    def not_yet(session, *, form_nonce):
        calls.append(form_nonce)
        return None if len(calls) == 1 else real(session, form_nonce=form_nonce)

    monkeypatch.setattr(submissions, "get_revision_by_nonce", not_yet)
    with Session(get_engine(app)) as other:
        second = submissions.submit_listing(other, listing=LISTING, owner_email=None,
                                           form_nonce="nonce-0001", duplicate_of=[], now=utcnow(),
                                           geocoder=NO_GEOCODER)
        other.commit()
        assert second.already_submitted and second.token is None
        assert second.group.id == first.group.id
    assert len(calls) == 2  # the unique nonce, not the first check, caught it
    assert len(session.exec(select(Group)).all()) == 1
    assert len(session.exec(select(ListingRevision)).all()) == 1


def test_slugs_are_unique_and_readable(session):
    a = submissions.submit_listing(session, listing=LISTING, owner_email=None, form_nonce=None,
                                  duplicate_of=[], now=utcnow(), geocoder=NO_GEOCODER)
    b = submissions.submit_listing(session, listing=LISTING, owner_email=None, form_nonce=None,
                                  duplicate_of=[], now=utcnow(), geocoder=NO_GEOCODER)
    assert a.group.slug == "quiet-mind-circle"
    assert b.group.slug == "quiet-mind-circle-2"


def test_diff_names_each_changed_field_and_added_meetings():
    base = listing_from_rows([dict(ROWS[0])])
    proposed = listing_from_rows(
        [dict(ROWS[0], start_time="18:30", group_name="Quiet Mind"),
         dict(ROWS[0], weekday="fri", start_time="7:00", group_name="Quiet Mind")])
    changes = {c.label: (c.before, c.after) for c in diff_listings(base, proposed)}
    assert changes["group_name"] == ("Quiet Mind Circle", "Quiet Mind")
    assert changes["Wednesday 6:00 pm meeting: start_time"] == ("18:00", "18:30")
    assert changes["Friday 7:00 am meeting"] == ("(none)", "added")
    assert not any(label.endswith(": weekday") for label in changes)
    # Only real changes: a default spelled out, or 07:00 written 7:00, is no change.
    spelled_out = listing_from_rows([dict(ROWS[0], languages="en", audience="everyone",
                                          recurrence="weekly", start_time="18:00")])
    assert diff_listings(base, spelled_out) == []


def test_diff_matches_meetings_by_identity_not_position():
    tuesday = dict(ROWS[0], weekday="tue", start_time="19:00")
    saturday = dict(ROWS[0], weekday="sat", start_time="10:00")
    before = listing_from_rows([tuesday, saturday])
    after = listing_from_rows([saturday])
    changes = [(c.label, c.before, c.after) for c in diff_listings(before, after)]
    assert changes == [("Tuesday 7:00 pm meeting", "present", "removed")]
    reordered = listing_from_rows([saturday, tuesday])
    assert diff_listings(before, reordered) == []
