"""A meeting "by appointment" (a source entry with no day, which the Meeting Guide spec
allows) is shown on its group's page beside the scheduled meetings: how to attend, where or
how to join, and its notes, in the reader's language; the API and the HSDS export
carry them too."""

from __future__ import annotations


def test_the_group_page_shows_a_by_appointment_meeting_and_how_to_join(client, make_group):
    group = make_group(slug="quiet-harbor", name="Quiet Harbor", appointments=[
        {"name": "Quiet Harbor one-to-one", "attendance": "online",
         "online": {"url": "https://zoom.example.com/j/5550100", "notes": "Ask for a link."},
         "notes": "Call the contact number to arrange a time."},
        {"attendance": "in-person", "notes": "Newcomers' chat before the meeting.",
         "place": {"name": "Alder Street Annex", "address": "14 Alder St", "city": "Portland",
                   "region": "OR", "country": "US"}},
    ])
    html = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert html.count('class="by-appointment"') == 2
    assert "Quiet Harbor one-to-one" in html
    assert "No set day or time" in html
    assert 'href="https://zoom.example.com/j/5550100"' in html and "Ask for a link." in html
    assert "Alder Street Annex" in html and "14 Alder St" in html
    assert "Call the contact number to arrange a time." in html


def test_a_by_appointment_meeting_speaks_the_readers_language(client, make_group):
    group = make_group(slug="quiet-harbor-es", appointments=[{"attendance": "online",
                       "online": {"url": "https://meet.example.org/abc-defg-hij"}}])
    html = client.get(f"/groups/{group.slug}?hl=es").get_data(as_text=True)
    assert "No set day or time" not in html and "By appointment" not in html
    assert 'class="by-appointment"' in html
    assert "Con cita previa" in html and "contacta al grupo" in html


def test_a_group_without_by_appointment_meetings_shows_none(client, make_group):
    group = make_group(slug="plain-circle")
    html = client.get(f"/groups/{group.slug}").get_data(as_text=True)
    assert 'class="by-appointment"' not in html


def _appointment_group(make_group, slug):
    return make_group(slug=slug, name="Quiet Harbor", format="hybrid", appointments=[
        {"attendance": "online", "online": {"phone": "+15550100"},
         "notes": "Call to arrange a time."},
        {"attendance": "in-person", "place": {"name": "Alder Street Annex", "city": "Portland",
                                              "region": "OR", "country": "US"}},
        {},  # says nothing: attended as its group is (hybrid)
    ])


def test_the_api_gives_a_groups_by_appointment_meetings(client, make_group):
    group = _appointment_group(make_group, "quiet-harbor-api")
    data = client.get(f"/api/v1/groups/{group.slug}").get_json()
    phone, annex, plain = data["appointments"]
    assert phone["attendance"] == "online" and phone["online"]["phone"] == "+15550100"
    assert phone["location"] is None and phone["notes"] == "Call to arrange a time."
    assert annex["attendance"] == "in-person" and annex["location"]["name"] == \
        "Alder Street Annex"
    assert plain["attendance"] == "hybrid"
    assert {a["timezone"] for a in data["appointments"]} == {group.meetings[0].timezone}
    assert len(data["meetings"]) == 1  # the scheduled meeting stays apart


def test_the_hsds_export_gives_them_as_schedules_without_recurrence(client, make_group):
    from directory.feeds.hsds import service_id
    group = _appointment_group(make_group, "quiet-harbor-hsds")
    service = client.get(f"/api/v1/hsds/services/{service_id(group)}").get_json()
    schedules = service["schedules"]
    assert len(schedules) == 4 and len({s["id"] for s in schedules}) == 4
    by_appointment = [s for s in schedules if "freq" not in s]
    assert [s["attending_type"] for s in by_appointment] == [
        "by phone", "in person", "in person or online"]
    assert all(s["description"].startswith("By appointment") for s in by_appointment)
    assert by_appointment[0]["notes"] == "Call to arrange a time."
    errors = [e.message for e in _hsds_validator("service.json").iter_errors(service)]
    assert errors == []


def _hsds_validator(name):
    import json

    from jsonschema import Draft202012Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    from tests_support import standards_dir
    schemas = standards_dir() / "hsds" / "schema"
    registry = Registry().with_resources(
        (path.name, DRAFT202012.create_resource(json.loads(path.read_text(encoding="utf-8"))))
        for path in sorted(schemas.glob("*.json")))
    return Draft202012Validator(registry.contents(name), registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)
