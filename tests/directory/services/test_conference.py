"""Join details: the conference provider by host, and phone numbers as one-tap tel: links."""

import pytest

from directory.services.conference import conference_provider, phone_join


@pytest.mark.parametrize(("url", "provider"), [
    ("https://zoom.us/j/123456789?pwd=abc", "Zoom"),
    ("https://us02web.zoom.us/j/123456789", "Zoom"),
    ("https://example.zoom.com/j/1", "Zoom"),
    ("https://meet.google.com/abc-defg-hij", "Google Meet"),
    ("https://teams.microsoft.com/l/meetup-join/19%3a", "Teams"),
    ("https://teams.live.com/meet/9876", "Teams"),
    ("https://meet.jit.si/QuietHarborCircle", "Jitsi"),
    ("https://8x8.vc/vpaas/room", "Jitsi"),
    ("https://acme.webex.com/meet/circle", "Webex"),
    ("HTTPS://ZOOM.US/j/1", "Zoom"),
])
def test_known_hosts_name_their_provider(url, provider):
    assert conference_provider(url) == provider


@pytest.mark.parametrize("url", [
    "https://video.example.net/room/7",
    "https://zoom.us.evil.example/j/1",     # the provider's name inside another host
    "https://notzoom.us/j/1",               # a look-alike domain
    "https://meet.google.com.example.org/x",
    "https://[::1/broken",                   # not a URL at all
    "",
    None,
])
def test_other_hosts_have_no_provider(url):
    assert conference_provider(url) is None


def test_a_plain_number_dials_its_digits():
    join = phone_join("+1 646-555-0100")
    assert join.number == "+1 646-555-0100"
    assert join.href == "tel:+16465550100"
    assert join.one_tap is False


def test_a_one_tap_number_keeps_its_pauses_and_codes_with_the_hash_escaped():
    join = phone_join("+1 646-555-0100,,123456#,,,,*4321#")
    assert join.number == "+1 646-555-0100"
    assert join.href == "tel:+16465550100,,123456%23,,,,*4321%23"
    assert join.one_tap is True


def test_a_semicolon_wait_becomes_a_pause_so_it_cannot_start_a_uri_parameter():
    assert phone_join("555 0100;123#").href == "tel:5550100,123%23"


@pytest.mark.parametrize("value", [None, "", "   ", ",,123#"])
def test_nothing_to_dial_gives_no_link(value):
    assert phone_join(value) is None
