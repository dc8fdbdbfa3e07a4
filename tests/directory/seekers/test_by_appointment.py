"""A meeting "by appointment" (a source entry with no day, which the Meeting Guide spec
allows) is shown on its group's page beside the scheduled meetings: how to attend, where or
how to join, and its notes, in the reader's language."""

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
