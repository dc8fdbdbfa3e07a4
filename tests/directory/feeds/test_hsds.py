"""HSDS 3.0 export: every object validates against the published schemas."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from directory.feeds.hsds import (
    APPROACH_TAXONOMY,
    TOPIC_TAXONOMY,
    HsdsQuery,
    get_organization,
    get_service,
    get_service_at_location,
    hsds_export,
    hsds_id,
    list_organizations,
    list_service_at_locations,
    list_services,
    taxonomy_id,
)
from directory.imports import import_listing_csv
from tests_support import standards_dir

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
BASE_URL = "https://circles.example.org"
ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "tests" / "directory" / "fixtures" / "exports_directory.csv"
SEED = ROOT / "seed_data" / "directory.csv"
SCHEMA_DIR = standards_dir() / "hsds" / "schema"


def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, DRAFT202012.create_resource(contents)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str) -> Draft202012Validator:
    schema = REGISTRY.contents(name)
    return Draft202012Validator(
        schema, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


SERVICE = validator("service.json")
ORGANIZATION = validator("organization.json")
SERVICE_AT_LOCATION = validator("service_at_location.json")
PAGE = Draft202012Validator(
    json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))["components"][
        "schemas"]["Page"]
)


def assert_valid(v: Draft202012Validator, obj: dict) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(obj)]
    assert errors == []


def assert_ids_are_uuids(obj) -> None:
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "id" or key.endswith("_id"):
                assert str(uuid.UUID(value)) == value
            assert_ids_are_uuids(value)
    elif isinstance(obj, list):
        for item in obj:
            assert_ids_are_uuids(item)


def load(session, path: Path):
    report = import_listing_csv(session, path.read_text(encoding="utf-8"), filename=path.name,
                                now=NOW)
    assert report.ok, [str(e) for e in report.errors[:5]]
    session.commit()
    return session


@pytest.fixture
def directory(session):
    return load(session, FIXTURE)


def services_by_name(session):
    return {s["name"]: s for s in hsds_export(session, base_url=BASE_URL)["contents"]}


def test_every_exported_service_and_organization_is_valid(directory):
    document = hsds_export(directory, base_url=BASE_URL)
    assert_valid(PAGE, document)
    assert document["total_items"] == 9 == len(document["contents"])
    for service in document["contents"]:
        assert_valid(SERVICE, service)
        assert_valid(ORGANIZATION, service["organization"])
        assert_ids_are_uuids(service)


@pytest.mark.skipif(not SEED.exists(), reason="seed_data/directory.csv is not on this branch")
def test_every_object_of_the_sample_directory_is_valid(session):
    load(session, SEED)
    services = hsds_export(session, base_url=BASE_URL)["contents"]
    for service in services:
        assert_valid(SERVICE, service)
        assert_ids_are_uuids(service)
    organizations = list_organizations(session, base_url=BASE_URL, page=1, per_page=1000)
    for organization in organizations["contents"]:
        full = get_organization(session, base_url=BASE_URL, organization_id=organization["id"])
        assert_valid(ORGANIZATION, full)
        for service in full["services"]:
            assert_valid(SERVICE, service)
    places = list_service_at_locations(session, base_url=BASE_URL,
                                       query=HsdsQuery(per_page=1000, full=True))
    assert places["total_items"] == sum(len(s["service_at_locations"]) for s in services)
    for sal in places["contents"]:
        assert_valid(SERVICE_AT_LOCATION, sal)
        assert_ids_are_uuids(sal)


def test_every_service_at_location_is_valid_and_found_by_id(directory):
    places = list_service_at_locations(directory, base_url=BASE_URL,
                                       query=HsdsQuery(per_page=100))
    assert_valid(PAGE, places)
    nested = sum(len(s["service_at_locations"])
                 for s in hsds_export(directory, base_url=BASE_URL)["contents"])
    assert places["total_items"] == nested == len(places["contents"])
    for sal in places["contents"]:
        assert_valid(SERVICE_AT_LOCATION, sal)
        full = get_service_at_location(directory, base_url=BASE_URL, sal_id=sal["id"])
        assert_valid(SERVICE_AT_LOCATION, full)
        assert full["id"] == sal["id"] and full["schedules"]
    assert get_service_at_location(directory, base_url=BASE_URL,
                                   sal_id=str(uuid.uuid4())) is None


def test_every_page_of_every_list_is_valid(directory):
    for per_page in (1, 4, 100):
        for lister, item_validator in ((list_services, SERVICE),
                                       (list_organizations, ORGANIZATION)):
            first = lister(directory, base_url=BASE_URL, page=1, per_page=per_page)
            for page in range(1, first["total_pages"] + 1):
                listing = lister(directory, base_url=BASE_URL, page=page, per_page=per_page)
                assert_valid(PAGE, listing)
                for item in listing["contents"]:
                    assert_valid(item_validator, item)


def test_every_full_organization_is_valid_with_its_services(directory):
    listing = list_organizations(directory, base_url=BASE_URL, page=1, per_page=100)
    assert listing["total_items"] == 8
    for organization in listing["contents"]:
        full = get_organization(directory, base_url=BASE_URL, organization_id=organization["id"])
        assert_valid(ORGANIZATION, full)
        assert full["services"]
        for service in full["services"]:
            assert_valid(SERVICE, service)
            assert service["organization_id"] == full["id"]


def test_pages_report_position_size_and_emptiness(directory):
    first = list_services(directory, base_url=BASE_URL, page=1, per_page=4)
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"]) == (
        9, 3, 1, 4)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = list_services(directory, base_url=BASE_URL, page=3, per_page=4)
    assert last["size"] == 1 and last["last_page"] and not last["first_page"]
    past = list_services(directory, base_url=BASE_URL, page=9, per_page=4)
    assert past["contents"] == [] and past["empty"]


def test_only_active_groups_are_exported(directory):
    names = services_by_name(directory)
    assert "Paused Circle" not in names
    assert all(s["status"] == "active" for s in names.values())


def test_ids_are_stable_uuids_derived_from_slugs(directory):
    first = hsds_export(directory, base_url=BASE_URL)
    second = hsds_export(directory, base_url=BASE_URL)
    assert first == second
    eastside = services_by_name(directory)["Eastside Family Circle"]
    assert eastside["id"] == hsds_id("service", "eastside-family-circle")
    assert get_service(directory, base_url=BASE_URL, service_id=eastside["id"]) == eastside
    assert get_service(directory, base_url=BASE_URL, service_id=str(uuid.uuid4())) is None


def test_weekly_and_monthly_meetings_become_rrule_schedules(directory):
    services = services_by_name(directory)
    weekly = services["Eastside Family Circle"]["schedules"]
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in weekly] == [
        ("WEEKLY", "TU", "19:00:00", "20:30:00"), ("WEEKLY", "SA", "10:00:00", "11:00:00")]
    assert "America/Los_Angeles" in weekly[0]["description"]
    (monthly,) = services["Grief and Loss Circle"]["schedules"]
    assert (monthly["freq"], monthly["byday"]) == ("MONTHLY", "1TU,3TU")
    assert monthly["description"].startswith("The 1st and 3rd Tuesday of the month, 18:30")
    assert "America/Chicago" in monthly["description"]
    (last,) = services["Last Friday Gamblers Circle"]["schedules"]
    assert (last["freq"], last["byday"]) == ("MONTHLY", "-1FR")


def test_course_dates_bound_the_schedule(directory):
    (course,) = services_by_name(directory)["Stress Less: an 8-week course"]["schedules"]
    assert (course["dtstart"], course["until"]) == ("2026-01-07", "2026-02-25")
    assert (course["valid_from"], course["valid_to"]) == ("2026-01-07", "2026-02-25")


def test_costs_become_cost_options(directory):
    services = services_by_name(directory)
    (free,) = services["Eastside Family Circle"]["cost_options"]
    assert (free["option"], free["amount"]) == ("Free", 0)
    (fee,) = services["Stress Less: an 8-week course"]["cost_options"]
    assert (fee["amount"], fee["currency"]) == (120, "GBP")
    (sliding,) = services["Night Owls Online"]["cost_options"]
    assert (sliding["amount"], sliding["currency"]) == (5, "USD")
    assert sliding["option"].startswith("Sliding scale")


def test_locations_are_physical_or_virtual_with_service_at_location(directory):
    services = services_by_name(directory)
    hybrid = services["Brooklyn Evening Recovery"]["service_at_locations"]
    assert sorted(sal["location"]["location_type"] for sal in hybrid) == ["physical", "virtual"]
    physical = next(s["location"] for s in hybrid if s["location"]["location_type"] == "physical")
    assert physical["addresses"][0]["address_1"] == "55 Atlantic Ave"
    assert physical["latitude"] == pytest.approx(40.6904)
    virtual = next(s["location"] for s in hybrid if s["location"]["location_type"] == "virtual")
    assert virtual["url"] == "https://meet.example.org/brooklyn"
    for sal in hybrid:
        assert len(sal["schedules"]) == 1
    two_places = services["Mujeres en Recuperación"]["service_at_locations"]
    assert len(two_places) == 2
    phone = services["Last Friday Gamblers Circle"]["service_at_locations"][0]["location"]
    assert phone["phones"][0]["number"] == "+1 720 555 0199"


def test_languages_accessibility_and_contacts_are_filled(directory):
    services = services_by_name(directory)
    mujeres = services["Mujeres en Recuperación"]
    assert [(lang["code"], lang["name"]) for lang in mujeres["languages"]] == [
        ("es", "Spanish"), ("en", "English")]
    eastside = services["Eastside Family Circle"]
    access = eastside["service_at_locations"][0]["location"]["accessibility"]
    assert [a["description"] for a in access] == [
        "Wheelchair accessible", "Wheelchair-accessible bathroom"]
    (contact,) = eastside["contacts"]
    assert contact["email"] == "circle@example.org" and "name" not in contact
    assert contact["phones"][0]["number"] == "+1 503 555 0100"
    assert [(a["link_type"], a["taxonomy_term"]["code"]) for a in eastside["attributes"]] == [
        ("topic", "family-and-friends"), ("topic", "alcohol"), ("approach", "twelve-step")]
    for attribute in eastside["attributes"]:
        assert attribute["taxonomy_term"]["taxonomy_id"] in {
            taxonomy_id(TOPIC_TAXONOMY), taxonomy_id(APPROACH_TAXONOMY)}


def test_a_group_without_organization_is_its_own_organization(directory):
    brooklyn = services_by_name(directory)["Brooklyn Evening Recovery"]
    assert brooklyn["organization"]["name"] == "Brooklyn Evening Recovery"
    assert brooklyn["organization_id"] == brooklyn["organization"]["id"]
    full = get_organization(directory, base_url=BASE_URL,
                            organization_id=brooklyn["organization_id"])
    assert [s["name"] for s in full["services"]] == ["Brooklyn Evening Recovery"]


def test_organization_shared_by_groups_lists_each_of_its_groups(directory):
    owls = services_by_name(directory)["Night Owls Online"]
    full = get_organization(directory, base_url=BASE_URL, organization_id=owls["organization_id"])
    assert full["name"] == "Calm Minds Network"
    assert sorted(s["name"] for s in full["services"]) == [
        "Grief and Loss Circle", "Night Owls Online"]
    assert get_organization(directory, base_url=BASE_URL,
                            organization_id=str(uuid.uuid4())) is None


@pytest.mark.parametrize("key", ["eastside-family-circle", "Calm Minds Network", "é|ü|", ""])
def test_hsds_ids_are_rfc_4122_uuid5_of_the_namespace(key):
    from directory.feeds.hsds import NAMESPACE

    assert hsds_id("service", key) == str(uuid.uuid5(NAMESPACE, f"service:{key}"))
