"""GET /api/v1/hsds/…: HSDS 3.0 services and organizations, paginated."""

from __future__ import annotations

import uuid

import pytest

from directory.services.hsds import hsds_id

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
    assert service["name"] == "Harbor Circle"
    assert service["organization"]["name"] == "Harbor Lane Community Services"
    assert service["service_at_locations"][0]["schedules"][0]["byday"] == "TU"


def test_organizations_list_and_organization_by_id(client, make_group):
    make_group(slug="harbor-circle")
    listing = client.get("/api/v1/hsds/organizations").get_json()
    assert set(listing) == PAGE_KEYS
    (organization,) = listing["contents"]
    full = client.get(f"/api/v1/hsds/organizations/{organization['id']}").get_json()
    assert [s["id"] for s in full["services"]] == [hsds_id("service", "harbor-circle")]


@pytest.mark.parametrize("path", ["services", "organizations"])
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
@pytest.mark.parametrize("path", ["services", "organizations"])
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
