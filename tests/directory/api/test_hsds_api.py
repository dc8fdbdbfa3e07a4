"""GET /api/v1/hsds/…: HSDS 3.0 services and organizations, paginated."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, time

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from directory.feeds.hsds import (
    APPROACH_TAXONOMY,
    TOPIC_TAXONOMY,
    hsds_id,
    taxonomy_id,
    term_id,
)
from directory.models import Location
from tests_support import standards_dir

SCHEMA_DIR = standards_dir() / "hsds" / "schema"
REGISTRY = Registry().with_resources(
    (path.name, DRAFT202012.create_resource(json.loads(path.read_text(encoding="utf-8"))))
    for path in sorted(SCHEMA_DIR.glob("*.json"))
)
PAGE_SCHEMA = json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))[
    "components"]["schemas"]["Page"]


def errors_of(schema_name: str, obj) -> list[str]:
    schema = PAGE_SCHEMA if schema_name == "Page" else REGISTRY.contents(schema_name)
    v = Draft202012Validator(schema, registry=REGISTRY,
                             format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(obj)]

PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page",
             "empty", "contents"}


def test_services_list_is_a_paginated_hsds_page(client, make_group):
    for n in range(3):
        make_group(slug=f"circle-{n}")
    make_group(slug="paused-one", status="paused")
    response = client.get("/api/v1/hsds/services?per_page=2")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == PAGE_KEYS
    assert (body["total_items"], body["total_pages"], body["size"]) == (3, 2, 2)
    assert [s["id"] for s in body["contents"]] == [
        hsds_id("service", "circle-0"), hsds_id("service", "circle-1")]
    second = client.get("/api/v1/hsds/services?per_page=2&page=2").get_json()
    assert second["last_page"] and second["size"] == 1


def test_service_by_id_is_the_full_service(client, make_group):
    make_group(slug="harbor-circle", name="Harbor Circle")
    sid = hsds_id("service", "harbor-circle")
    response = client.get(f"/api/v1/hsds/services/{sid}")
    assert response.status_code == 200
    service = response.get_json()
    assert errors_of("service.json", service) == []
    assert service["name"] == "Harbor Circle"
    assert service["organization"]["name"] == "Harbor Lane Community Services"
    assert service["service_at_locations"][0]["schedules"][0]["byday"] == "TU"


def test_organizations_list_and_organization_by_id(client, make_group):
    make_group(slug="harbor-circle")
    listing = client.get("/api/v1/hsds/organizations").get_json()
    assert set(listing) == PAGE_KEYS
    (organization,) = listing["contents"]
    assert "services" not in organization
    full = client.get(f"/api/v1/hsds/organizations/{organization['id']}").get_json()
    assert [s["id"] for s in full["services"]] == [hsds_id("service", "harbor-circle")]
    assert "schedules" not in full["services"][0]
    assert errors_of("organization.json", full) == []


@pytest.mark.parametrize("path", ["services", "organizations", "service_at_locations",
                                  "taxonomies", "taxonomy_terms"])
def test_unknown_or_paused_ids_answer_404_in_the_api_error_shape(client, make_group, path):
    make_group(slug="paused-circle", status="paused", organization=None)
    for unknown in (str(uuid.uuid4()), hsds_id("service", "paused-circle"), "not-a-uuid"):
        response = client.get(f"/api/v1/hsds/{path}/{unknown}")
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "param"),
    [("page=0", "page"), ("page=abc", "page"), ("per_page=101", "per_page"),
     ("per_page=-1", "per_page"), ("per_page=1.5", "per_page")],
)
@pytest.mark.parametrize("path", ["services", "organizations", "service_at_locations",
                                  "taxonomies", "taxonomy_terms"])
def test_bad_paging_answers_400_naming_the_parameter(client, path, query, param):
    response = client.get(f"/api/v1/hsds/{path}?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_parameter"
    assert [d["param"] for d in error["details"]] == [param]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_hsds_responses_are_cacheable_with_etag_and_cors(client, make_group):
    make_group()
    response = client.get("/api/v1/hsds/services")
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/v1/hsds/services",
                       headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_markup_in_a_listing_is_inert_in_hsds_json(client, make_group):
    make_group(slug="markup-circle", name="<img src=x onerror=alert(1)>",
               description="</script><script>alert(1)</script>")
    response = client.get(f"/api/v1/hsds/services/{hsds_id('service', 'markup-circle')}")
    assert b"<" not in response.data and b">" not in response.data
    service = response.get_json()
    assert service["name"] == "<img src=x onerror=alert(1)>"
    assert service["description"] == "</script><script>alert(1)</script>"


# --- the HSDS 3.0 API's query parameters and endpoints --------------------------------------

OLD = datetime(2020, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def three(make_group, session):
    """Three active groups that differ in every filterable way, and a paused one."""
    alpha = make_group(slug="alpha-family", name="Alpha Family Circle",
                       topics=["family-and-friends"], approach="twelve-step",
                       description="For families of people who drink. 100% peer-led.")
    beta = make_group(slug="beta-grief", name="Beta Grief Circle", topics=["grief"],
                      organization="Calm Minds Network", description="After a loss.",
                      format="hybrid",
                      meeting={"online_url": "https://meet.example.org/beta"})
    gamma = make_group(slug="gamma-odds", name="Gamma Odds Group", topics=["gambling"],
                       approach="smart", organization=None, format="online",
                       description="Online, for gamblers.", location=None,
                       meeting={"online_url": "https://meet.example.org/gamma",
                                "start_time": time(20, 0)})
    make_group(slug="paused-grief", name="Paused Grief Circle", topics=["grief"],
               status="paused")
    beta.updated_at = OLD
    session.add(beta)
    session.commit()
    return {"alpha": alpha, "beta": beta, "gamma": gamma}


def slugs_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert errors_of("Page", body) == []
    for item in body["contents"]:
        assert errors_of("service.json", item) == []
    ids = {hsds_id("service", s): s for s in ("alpha-family", "beta-grief", "gamma-odds",
                                               "paused-grief")}
    return [ids[item["id"]] for item in body["contents"]]


def test_no_filter_lists_every_active_group(client, three):
    assert slugs_of(client, "/api/v1/hsds/services") == ["alpha-family", "beta-grief",
                                                         "gamma-odds"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("grief", ["beta-grief"]),
        ("GRIEF circle", ["beta-grief"]),
        ("calm minds", ["beta-grief"]),  # the organization's name
        ("gamblers", ["gamma-odds"]),  # the description
        ("circle", ["alpha-family", "beta-grief"]),
        ("100%25", ["alpha-family"]),
        # LIKE wildcards are literal characters, not "anything": only "100%" has a "%".
        ("%25", ["alpha-family"]),
        ("_", []),
        ("knitting", []),
    ],
)
def test_search_finds_words_in_name_description_and_organization(client, three, search,
                                                                  expected):
    assert slugs_of(client, f"/api/v1/hsds/services?search={search}") == expected


def test_taxonomy_term_id_keeps_groups_tagged_with_the_term_or_its_children(client, three):
    grief = term_id(TOPIC_TAXONOMY, "grief")
    assert slugs_of(client, f"/api/v1/hsds/services?taxonomy_term_id={grief}") == ["beta-grief"]
    wellness = term_id(TOPIC_TAXONOMY, "wellness")  # parent of grief
    assert slugs_of(client, f"/api/v1/hsds/services?taxonomy_term_id={wellness}") == [
        "beta-grief"]
    codependency = term_id(TOPIC_TAXONOMY, "codependency")  # parent of family-and-friends
    assert slugs_of(client, f"/api/v1/hsds/services?taxonomy_term_id={codependency}") == [
        "alpha-family"]
    smart = term_id(APPROACH_TAXONOMY, "smart")
    assert slugs_of(client, f"/api/v1/hsds/services?taxonomy_term_id={smart}") == ["gamma-odds"]
    assert slugs_of(client, f"/api/v1/hsds/services?taxonomy_term_id={grief},{smart}") == [
        "beta-grief", "gamma-odds"]
    assert slugs_of(client, f"/api/v1/hsds/services?taxonomy_term_id={uuid.uuid4()}") == []


def test_taxonomy_id_keeps_groups_with_any_term_of_that_taxonomy(client, three):
    approaches = taxonomy_id(APPROACH_TAXONOMY)
    assert slugs_of(client, f"/api/v1/hsds/services?taxonomy_id={approaches}") == [
        "alpha-family", "gamma-odds"]
    topics = taxonomy_id(TOPIC_TAXONOMY)
    assert slugs_of(client, f"/api/v1/hsds/services?taxonomy_id={topics}") == [
        "alpha-family", "beta-grief", "gamma-odds"]
    assert slugs_of(client, f"/api/v1/hsds/services?taxonomy_id={uuid.uuid4()}") == []


def test_organization_id_keeps_that_organizations_groups(client, three):
    harbor = hsds_id("organization", "Harbor Lane Community Services")
    assert slugs_of(client, f"/api/v1/hsds/services?organization_id={harbor}") == [
        "alpha-family"]
    own = hsds_id("group-organization", "gamma-odds")  # a group that is its own organization
    assert slugs_of(client, f"/api/v1/hsds/services?organization_id={own}") == ["gamma-odds"]
    assert slugs_of(client, f"/api/v1/hsds/services?organization_id={uuid.uuid4()}") == []


@pytest.mark.parametrize("moment", ["2025-01-01", "2025-01-01T00:00:00Z",
                                    "2025-01-01T02:00:00%2B02:00"])
def test_modified_after_keeps_groups_changed_on_or_after_it(client, three, moment):
    assert slugs_of(client, f"/api/v1/hsds/services?modified_after={moment}") == [
        "alpha-family", "gamma-odds"]
    assert slugs_of(client, "/api/v1/hsds/services?modified_after=2020-03-01T09:00:00Z") == [
        "alpha-family", "beta-grief", "gamma-odds"]  # "on or after"


def test_filters_combine(client, three):
    topics = taxonomy_id(TOPIC_TAXONOMY)
    assert slugs_of(
        client, f"/api/v1/hsds/services?taxonomy_id={topics}&search=circle"
        "&modified_after=2025-01-01&per_page=1") == ["alpha-family"]
    body = client.get(f"/api/v1/hsds/services?taxonomy_id={topics}&search=circle").get_json()
    assert body["total_items"] == 2


def test_services_list_has_one_to_one_fields_unless_full(client, three):
    summary = client.get("/api/v1/hsds/services").get_json()["contents"][0]
    assert "schedules" not in summary and "service_at_locations" not in summary
    assert summary["organization"]["name"] == "Harbor Lane Community Services"
    full = client.get("/api/v1/hsds/services?full=true").get_json()["contents"][0]
    assert full["schedules"][0]["byday"] == "TU"
    assert errors_of("service.json", full) == []


def test_organizations_full_service_nests_full_services(client, three):
    search = client.get("/api/v1/hsds/organizations?search=calm").get_json()
    assert [o["name"] for o in search["contents"]] == ["Calm Minds Network"]
    plain = client.get("/api/v1/hsds/organizations").get_json()
    assert [o["name"] for o in plain["contents"]] == [
        "Calm Minds Network", "Gamma Odds Group", "Harbor Lane Community Services"]
    assert all("services" not in o for o in plain["contents"])
    nested = client.get("/api/v1/hsds/organizations?full_service=true").get_json()
    for organization in nested["contents"]:
        assert errors_of("organization.json", organization) == []
        assert organization["services"][0]["schedules"]
    oid = hsds_id("organization", "Calm Minds Network")
    one = client.get(f"/api/v1/hsds/organizations/{oid}?full_service=true").get_json()
    assert one["services"][0]["service_at_locations"]
    assert "paused" not in json.dumps(one)
    brief = client.get(f"/api/v1/hsds/organizations/{oid}?full_service=false").get_json()
    assert "service_at_locations" not in brief["services"][0]


def test_root_says_hsds_version_profile_and_openapi(client):
    response = client.get("/api/v1/hsds/")
    assert response.status_code == 200
    body = response.get_json()
    assert body["version"] == "3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"] == "http://127.0.0.1:5000/api/v1/openapi.json"


def test_taxonomies_and_their_terms(client):
    taxonomies = client.get("/api/v1/hsds/taxonomies").get_json()
    assert errors_of("Page", taxonomies) == []
    assert [t["name"] for t in taxonomies["contents"]] == ["Circles topics",
                                                           "Circles approaches"]
    for t in taxonomies["contents"]:
        assert errors_of("taxonomy.json", t) == []
        assert client.get(f"/api/v1/hsds/taxonomies/{t['id']}").get_json() == t
    only = client.get("/api/v1/hsds/taxonomies?search=approach").get_json()
    assert [t["name"] for t in only["contents"]] == ["Circles approaches"]
    terms = client.get("/api/v1/hsds/taxonomy_terms?per_page=100").get_json()
    assert terms["total_items"] == 3 + 18 + 6  # parent topics, child topics, approaches
    for term in terms["contents"]:
        assert errors_of("taxonomy_term.json", term) == []
    approaches = client.get(
        f"/api/v1/hsds/taxonomy_terms?taxonomy_id={taxonomy_id(APPROACH_TAXONOMY)}"
        "&per_page=100").get_json()
    assert [t["code"] for t in approaches["contents"]] == [
        "twelve-step", "smart", "secular", "faith-based", "mindfulness", "other"]
    top = client.get(f"/api/v1/hsds/taxonomy_terms?top_only=true&taxonomy_id="
                     f"{taxonomy_id(TOPIC_TAXONOMY)}").get_json()
    assert [t["code"] for t in top["contents"]] == ["codependency", "addiction", "wellness"]
    children = client.get("/api/v1/hsds/taxonomy_terms?parent_id="
                          f"{term_id(TOPIC_TAXONOMY, 'codependency')}").get_json()
    assert [t["code"] for t in children["contents"]] == [
        "family-and-friends", "adult-children", "relationships"]
    found = client.get("/api/v1/hsds/taxonomy_terms?search=grief").get_json()
    assert [t["code"] for t in found["contents"]] == ["grief"]
    grief = client.get(f"/api/v1/hsds/taxonomy_terms/{term_id(TOPIC_TAXONOMY, 'grief')}")
    assert grief.get_json()["taxonomy_detail"]["name"] == "Circles topics"
    assert errors_of("taxonomy_term.json", grief.get_json()) == []


def test_service_at_locations_list_each_place_of_each_group(client, three):
    body = client.get("/api/v1/hsds/service_at_locations").get_json()
    assert errors_of("Page", body) == []
    kinds = [(s["service_id"], s["location"]["location_type"]) for s in body["contents"]]
    assert kinds == [
        (hsds_id("service", "alpha-family"), "physical"),
        (hsds_id("service", "beta-grief"), "physical"),
        (hsds_id("service", "beta-grief"), "virtual"),
        (hsds_id("service", "gamma-odds"), "virtual"),
    ]
    for sal in body["contents"]:
        assert errors_of("service_at_location.json", sal) == []
        assert "schedules" not in sal
        full = client.get(f"/api/v1/hsds/service_at_locations/{sal['id']}").get_json()
        assert errors_of("service_at_location.json", full) == []
        assert full["location"] == sal["location"]
        assert full["schedules"][0]["service_at_location_id"] == sal["id"]
    paged = client.get("/api/v1/hsds/service_at_locations?per_page=3&page=2").get_json()
    assert (paged["total_items"], paged["total_pages"], paged["size"]) == (4, 2, 1)


def test_service_at_locations_take_the_service_filters(client, three):
    def services(query):
        body = client.get(f"/api/v1/hsds/service_at_locations?{query}").get_json()
        return [s["service_id"] for s in body["contents"]]

    beta = hsds_id("service", "beta-grief")
    assert services("search=grief") == [beta, beta]
    assert services(f"taxonomy_term_id={term_id(TOPIC_TAXONOMY, 'grief')}") == [beta, beta]
    assert services(f"taxonomy_id={taxonomy_id(APPROACH_TAXONOMY)}") == [
        hsds_id("service", "alpha-family"), hsds_id("service", "gamma-odds")]
    assert services(f"organization_id={hsds_id('organization', 'Calm Minds Network')}") == [
        beta, beta]
    assert services("modified_after=2019-01-01&search=odds&full=true") == [
        hsds_id("service", "gamma-odds")]
    full = client.get("/api/v1/hsds/service_at_locations?full=true").get_json()["contents"]
    assert all(s["schedules"] for s in full)


@pytest.mark.parametrize(
    ("path", "query", "param"),
    [
        ("services", "taxonomy_term_id=grief", "taxonomy_term_id"),
        ("services", "taxonomy_id=not-a-uuid", "taxonomy_id"),
        ("services", "organization_id=", "organization_id"),
        ("services", "modified_after=yesterday", "modified_after"),
        ("services", "modified_after=2026-13-01", "modified_after"),
        ("services", "full=maybe", "full"),
        ("services", "search=" + "x" * 201, "search"),
        ("services", "search=a%00b", "search"),
        ("services", "postcode=97214", "postcode"),  # an HSDS parameter we do not offer
        ("services", "format=ndjson", "format"),
        ("services", "search=a&search=b", "search"),
        ("service_at_locations", "modified_after=soon", "modified_after"),
        ("organizations", "full_service=yes please", "full_service"),
        ("organizations", "taxonomy_id=" + str(uuid.uuid4()), "taxonomy_id"),
        ("taxonomy_terms", "top_only=2", "top_only"),
        ("taxonomy_terms", "parent_id=wellness", "parent_id"),
        ("taxonomies", "taxonomy_id=x", "taxonomy_id"),
        ("", "page=2", "page"),
    ],
)
def test_invalid_or_unknown_parameters_answer_400_naming_them(client, three, path, query,
                                                              param):
    response = client.get(f"/api/v1/hsds/{path}?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_parameter"
    assert [d["param"] for d in error["details"]] == [param]
    assert error["details"][0]["message"]


@pytest.mark.parametrize(("moment", "expected"), [
    ("9999-12-31T23:00:00-05:00", []),  # after the last moment UTC can hold: nothing changed
    ("0001-01-01T00:30:00%2B01:00", None),  # before the first: every service
    ("2020-03-01t09:00:00z", None),  # RFC 3339 allows lower-case t and z
    ("2016-12-31T23:59:60Z", None),  # and a leap second
])
def test_modified_after_takes_every_rfc3339_moment_without_a_500(client, three, moment,
                                                                 expected):
    response = client.get(f"/api/v1/hsds/services?modified_after={moment}")
    assert response.status_code == 200
    everything = slugs_of(client, "/api/v1/hsds/services")
    assert slugs_of(client, f"/api/v1/hsds/services?modified_after={moment}") == (
        everything if expected is None else expected)


def test_item_endpoints_refuse_unknown_parameters(client, three):
    sid = hsds_id("service", "alpha-family")
    response = client.get(f"/api/v1/hsds/services/{sid}?full=false")
    assert response.status_code == 400
    oid = hsds_id("organization", "Harbor Lane Community Services")
    assert client.get(f"/api/v1/hsds/organizations/{oid}?search=x").status_code == 400


def test_a_renamed_organization_is_found_under_its_new_id(client, three, session):
    from directory.catalog import bump_catalog_version
    from tests_support import FIXED_NOW

    oid = hsds_id("organization", "Calm Minds Network")
    assert client.get(f"/api/v1/hsds/services?organization_id={oid}").get_json()[
        "total_items"] == 1
    organization = three["beta"].organization
    organization.name = "Calm Minds Collective"
    session.add(organization)
    bump_catalog_version(session, now=FIXED_NOW)
    session.commit()
    new = hsds_id("organization", "Calm Minds Collective")
    assert client.get(f"/api/v1/hsds/organizations/{oid}").status_code == 404
    assert client.get(f"/api/v1/hsds/organizations/{new}").status_code == 200
    assert slugs_of(client, f"/api/v1/hsds/services?organization_id={new}") == ["beta-grief"]


def test_an_in_person_place_shared_by_two_meetings_is_one_service_at_location(
        client, make_group, session):
    hall = Location(name="Hall", address="1 Main St", city="Portland", region="OR",
                    postal_code="97214", country="US", latitude=45.5, longitude=-122.6)
    group = make_group(slug="twice-weekly", location=hall)
    from directory.models import Meeting
    group.meetings.append(Meeting(weekday=4, start_time=time(10, 0), timezone="America/"
                                  "Los_Angeles", location=hall, position=1))
    session.add(group)
    session.commit()
    body = client.get("/api/v1/hsds/service_at_locations?full=true").get_json()
    (sal,) = body["contents"]
    assert len(sal["schedules"]) == 2
