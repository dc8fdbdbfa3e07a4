"""The JSON search API: same parameters as /groups, errors naming each bad parameter,
caching headers, and an OpenAPI description that validates and holds under schemathesis."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from directory.api.openapi import openapi_document
from directory.models import Location
from tests_support import FIXED_NOW


@pytest.fixture
def directory(make_group):
    make_group(slug="pdx-family", name="Eastside Family Circle", topics=["family-and-friends"],
               description="For people whose husband, wife or partner drinks.")
    make_group(slug="online-grief", name="Good Mourning Online", topics=["grief"],
               format="online", location=None,
               meeting={"online_url": "https://meet.example.org/mourning",
                        "timezone": "America/New_York", "recurrence": "monthly:1,3"})
    make_group(
        slug="london-anxiety", name="Calm Minds London", topics=["anxiety"],
        location=Location(name="Hall", address="1 Strand", city="London", region="England",
                          postal_code="WC2N 5DN", country="GB", latitude=51.5081,
                          longitude=-0.1248),
        meeting={"timezone": "Europe/London"},
    )


def test_search_returns_ranked_groups_with_components_and_reasons(client, directory):
    response = client.get("/api/v1/groups?q=my+husband+drinks")
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] >= 1
    first = body["results"][0]
    assert first["group"]["slug"] == "pdx-family"
    assert 0 <= first["score"] <= 1
    assert set(first["components"]) >= {"topic", "text", "distance", "schedule", "freshness"}
    assert first["reasons"]
    assert first["next_meeting"][-6] in "+-"  # ISO 8601 with an offset
    assert body["query"]["q"] == "my husband drinks"
    assert body["query"]["place"] is None


def test_search_reports_the_resolved_place(client, directory):
    body = client.get("/api/v1/groups?near=London").get_json()
    place = body["query"]["place"]
    assert (place["name"], place["country"], place["timezone"]) == (
        "London", "GB", "Europe/London")
    assert any(a["country"] == "CA" for a in place["alternatives"])
    slugs = [r["group"]["slug"] for r in body["results"]]
    assert "london-anxiety" in slugs and "pdx-family" not in slugs
    london = next(r for r in body["results"] if r["group"]["slug"] == "london-anxiety")
    assert london["distance_km"] < 5


@pytest.mark.parametrize(
    "query,params",
    [
        ("lat=999&lon=0", {"lat"}),
        ("topic=nope&cost=cheap", {"topic", "cost"}),
        ("page=0", {"page"}),
        ("per_page=500", {"per_page"}),
        ("radius=0", {"radius"}),
        ("near=Portland&radius=1001", {"radius"}),
        ("tz=Mars%2FBase", {"tz"}),
        ("sort=random", {"sort"}),
    ],
)
def test_invalid_parameters_are_400_naming_each_one(client, directory, query, params):
    response = client.get(f"/api/v1/groups?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_parameters"
    assert {d["param"] for d in error["details"]} == params


@pytest.mark.parametrize(
    "query,param",
    [
        ("radius=10", "radius"),  # no place to measure from: searched without it
        ("sort=distance", "sort"),
        ("lat=45.52", "lon"),  # half a coordinate pair: both ignored
        ("near=Portland&lat=45.52&lon=-122.68", "lat"),  # the coordinates win
        ("near=Portland&radius=1000", "radius"),  # 1000 is in range, in miles it is capped
    ],
)
def test_valid_values_another_parameter_makes_moot_are_notices_in_a_200(
    client, directory, query, param
):
    response = client.get(f"/api/v1/groups?{query}")
    assert response.status_code == 200, response.get_json()
    assert param in {n["param"] for n in response.get_json()["notices"]}


def test_unknown_parameter_names_are_a_notice_not_an_error(client, directory):
    response = client.get("/api/v1/groups?utm_source=flyer")
    assert response.status_code == 200
    assert response.get_json()["notices"][0]["param"] == "utm_source"


def test_one_group_and_404(client, directory):
    body = client.get("/api/v1/groups/online-grief").get_json()
    assert body["slug"] == "online-grief"
    assert body["meetings"][0]["recurrence"] == "monthly:1,3"
    assert body["meetings"][0]["online"]["url"] == "https://meet.example.org/mourning"
    missing = client.get("/api/v1/groups/nope")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_topics_lists_the_taxonomy(client):
    body = client.get("/api/v1/topics").get_json()
    codes = {t["code"]: t for t in body["topics"]}
    assert codes["alcohol"]["parent"] == "addiction"
    assert "alcohol" in codes["addiction"]["children"]
    assert "people pleasing" in codes["codependency"]["phrases"]


def test_api_responses_are_cacheable_and_open_to_other_origins(client, directory):
    response = client.get("/api/v1/groups?topic=grief")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = client.get("/api/v1/groups?topic=grief", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_openapi_document_is_valid_openapi_3_1(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)


# schemathesis drives every API operation with generated requests, in process, against an
# app of its own (in-memory SQLite, built once) holding a few groups.
def _schemathesis_app():
    from sqlmodel import Session, SQLModel

    from directory import create_app
    from directory.db import get_engine
    from directory.imports import import_listing_csv

    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "t"})
    SQLModel.metadata.create_all(get_engine(app))
    rows = (
        "group_slug,group_name,topics,format,cost,weekday,start_time,timezone,online_url,"
        "city,country,latitude,longitude,recurrence\n"
        "dawn-circle,Dawn Circle,grief,online,free,mon,07:00,Europe/London,"
        "https://meet.example.org/dawn,,,,,weekly\n"
        "pdx-family,Family Circle,family-and-friends,in-person,free,tue,19:00,"
        "America/Los_Angeles,,Portland,US,45.52,-122.68,\"monthly:1,3\"\n"
    )
    with Session(get_engine(app)) as session:
        report = import_listing_csv(session, rows, filename="t.csv", now=FIXED_NOW)
        assert report.ok, report.errors
        session.commit()
    return app


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _schemathesis_app())


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_holds_to_its_openapi_description(case):
    # Every check schemathesis has (no list given): besides no 5xx and conforming status,
    # content type, headers and bodies, schema-valid requests must be accepted
    # (positive_data_acceptance) and schema-violating ones refused (negative_data_rejection).
    # Through WSGI nothing decodes a gzip body (an HTTP client would): ask for identity.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


@pytest.mark.parametrize("per_page", ["2.0", "2e0", "2"])
def test_a_whole_number_written_as_a_float_is_a_whole_number(client, directory, per_page):
    response = client.get(f"/api/v1/groups?per_page={per_page}")
    assert response.status_code == 200
    assert response.get_json()["per_page"] == 2


def test_openapi_document_builds_without_an_app():
    assert openapi_document("https://circles.example.org")["servers"][0]["url"].startswith(
        "https://")


def test_each_result_says_where_it_meets_and_whether_it_is_away(client, directory):
    body = client.get("/api/v1/groups?tz=America/Los_Angeles&per_page=10").get_json()
    by_slug = {r["group"]["slug"]: r for r in body["results"]}
    assert (by_slug["pdx-family"]["where"], by_slug["pdx-family"]["away"]) == (
        "Harbor Lane Hall, Portland", False)
    assert (by_slug["online-grief"]["where"], by_slug["online-grief"]["away"]) == (
        "Online", False)
    # In person on another continent, for a seeker in Los Angeles who gave no place.
    assert (by_slug["london-anxiety"]["where"], by_slug["london-anxiety"]["away"]) == (
        "London, UK", True)
    slugs = [r["group"]["slug"] for r in body["results"]]
    assert slugs.index("london-anxiety") > slugs.index("online-grief")


def test_where_and_away_match_what_the_result_cards_show(client, directory):
    api = client.get("/api/v1/groups?tz=America/Los_Angeles&per_page=10").get_json()
    page = client.get("/groups?tz=America/Los_Angeles&per_page=10").get_data(as_text=True)
    away = next(r for r in api["results"] if r["away"])
    assert f"In {away['where']} — far from you?" in page
    near = next(r for r in api["results"] if r["group"]["slug"] == "pdx-family")
    assert f'<p class="where">{near["where"]}</p>' in page


def test_a_group_in_the_seekers_place_is_never_away(client, directory):
    body = client.get("/api/v1/groups?near=London&tz=America/Los_Angeles").get_json()
    london = next(r for r in body["results"] if r["group"]["slug"] == "london-anxiety")
    assert (london["where"], london["away"]) == ("Hall, London", False)
