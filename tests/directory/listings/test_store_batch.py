"""The batch form of the one listing writer: `write_listings` stores exactly what
`write_listing` stores, one listing at a time, and audits each listing the same way."""

from __future__ import annotations

from sqlmodel import select

from directory.listings.schema import validate_listing
from directory.listings.store import (
    NO_GEOCODER,
    BatchItem,
    listing_json,
    listing_of,
    write_listing,
    write_listings,
)
from directory.models import AuditEntry, CatalogVersion, Group, Location, Organization
from tests_support import FIXED_NOW


def listing(slug: str, **overrides):
    data = {
        "slug": slug, "name": "Riverside Thursday Group", "organization": "Fictional Intergroup",
        "topics": ["alcohol"], "format": "in-person", "cost": "free",
        "last_verified": "2025-03-02",
        "source": "intergroup", "source_id": slug,
        "meetings": [
            {"weekday": 3, "start_time": "19:00", "end_time": "20:00",
             "timezone": "America/Chicago", "name": "Thursday Big Book",
             "source_slug": "201", "source_types": ["O", "BB"], "regions": ["North"],
             "place": {"name": "Riverside Hall", "address": "12 Example Road",
                       "city": "Springfield", "region": "IL", "country": "US",
                       "latitude": 39.8, "longitude": -89.6}},
            {"weekday": 5, "start_time": "07:00", "timezone": "America/Chicago",
             "attendance": "online", "online": {"url": "https://meet.example.org/riverside"},
             "place": {"city": "Springfield", "region": "IL", "country": "US",
                       "latitude": 39.8, "longitude": -89.6}},
            {"weekday": 6, "start_time": "09:00", "timezone": "America/Chicago",
             "place": {"name": "Riverside Hall", "address": "12 Example Road",
                       "city": "Springfield", "region": "IL", "country": "US",
                       "latitude": 39.8, "longitude": -89.6}},
        ],
    }
    data.update(overrides)
    result, problems = validate_listing(data)
    assert not problems, problems
    return result


def comparable_json(group: Group) -> dict:
    data = listing_json(listing_of(group))
    data.pop("slug")
    data.pop("source_id")
    return data


def test_a_batch_written_listing_is_stored_exactly_as_the_one_listing_writer_stores_it(
        session):
    one, _ = write_listing(session, None, listing("one-by-one"), geocoder=NO_GEOCODER,
                           now=FIXED_NOW, actor="test", action="synced", status="active")
    [batch] = write_listings(session, [BatchItem(listing("in-a-batch"))],
                             geocoder=NO_GEOCODER, now=FIXED_NOW, actor="test",
                             action="synced", status="active")
    session.commit()
    session.expire_all()
    batched = session.get(Group, batch.group_id)
    assert batch.result.created and batch.slug == "in-a-batch"
    assert comparable_json(batched) == comparable_json(session.get(Group, one.id))
    # The same place is one location row for two meetings of a group, as one by one.
    ids = [m.location_id for m in batched.meetings]
    assert ids[0] == ids[2] and ids[1] != ids[0]
    # One organization, found again rather than duplicated.
    assert len(session.exec(select(Organization)).all()) == 1
    # The audit entry's "after" is what is stored.
    audit = session.exec(select(AuditEntry).where(AuditEntry.group_id == batched.id)).one()
    assert audit.action == "synced" and audit.before is None
    assert audit.after == [listing_json(listing_of(batched))]


def test_batch_write_moves_the_catalog_version_and_keeps_caller_columns(session):
    before = session.get(CatalogVersion, 1)
    version = before.version if before else 0
    results = write_listings(
        session, [BatchItem(listing(f"batch-{i}"), columns={"source_hash": f"h{i}"})
                  for i in range(3)],
        geocoder=NO_GEOCODER, now=FIXED_NOW, actor="test", action="imported", chunk=2)
    session.commit()
    assert [r.slug for r in results] == ["batch-0", "batch-1", "batch-2"]
    groups = [session.get(Group, r.group_id) for r in results]
    assert [g.source_hash for g in groups] == ["h0", "h1", "h2"]
    assert session.get(CatalogVersion, 1).version > version


def test_a_listing_that_cannot_be_stored_comes_back_with_its_error_and_the_rest_lands(
        session):
    bad = listing("no-zone")
    bad.meetings[0].timezone = None
    bad.meetings[0].place = None
    results = write_listings(session, [BatchItem(bad), BatchItem(listing("fine"))],
                             geocoder=NO_GEOCODER, now=FIXED_NOW, actor="test",
                             action="imported")
    assert results[0].error is not None and results[0].group_id is None
    assert "time zone" in str(results[0].error)
    assert results[1].error is None
    assert [g.slug for g in session.exec(select(Group)).all()] == ["fine"]
    assert session.exec(select(Location)).all()


def test_a_batch_item_onto_an_existing_group_goes_through_the_one_listing_writer(session):
    group, _ = write_listing(session, None, listing("existing"), geocoder=NO_GEOCODER,
                             now=FIXED_NOW, actor="test", action="imported")
    changed = listing("existing", name="Riverside Thursday Group (new name)")
    [result] = write_listings(session, [BatchItem(changed, group=group)],
                              geocoder=NO_GEOCODER, now=FIXED_NOW, actor="test",
                              action="imported")
    assert result.group_id == group.id and result.result.changed
    assert group.name == "Riverside Thursday Group (new name)"
