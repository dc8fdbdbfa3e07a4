"""How to join an online or phone meeting: the conference provider behind a join URL (by its
host, for a "Join on Zoom" button) and a phone number as a one-tap `tel:` link."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

# Host (or a parent domain of it) → the provider's name as people say it.
PROVIDERS: dict[str, str] = {
    "zoom.us": "Zoom", "zoom.com": "Zoom", "zoomgov.com": "Zoom",
    "meet.google.com": "Google Meet",
    "teams.microsoft.com": "Teams", "teams.live.com": "Teams", "teams.microsoft.us": "Teams",
    "meet.jit.si": "Jitsi", "jitsi.org": "Jitsi", "8x8.vc": "Jitsi",
    "webex.com": "Webex",
}


@dataclass(frozen=True)
class PhoneJoin:
    """A call-in number: what to show, what to dial, and whether the dial string carries the
    meeting's codes (the Meeting Guide one-tap form `+15550100,,123456#`)."""

    number: str
    href: str
    one_tap: bool


def conference_provider(url: str | None) -> str | None:
    """"Zoom", "Google Meet", "Teams", "Jitsi", "Webex" — or None for any other host."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    while host:
        if host in PROVIDERS:
            return PROVIDERS[host]
        _, dot, host = host.partition(".")
        if not dot:
            break
    return None


_CODES_START = re.compile(r"[,;*#]")


def phone_join(value: str | None) -> PhoneJoin | None:
    """A stored phone (maybe one-tap) as a call-in link: `+1 646-555-0100,,123456#` shows
    "+1 646-555-0100" and dials `tel:+16465550100,,123456%23` (pauses and codes kept)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    match = _CODES_START.search(value)
    number = (value[:match.start()] if match else value).strip()
    codes = value[match.start():] if match else ""
    digits = ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)
    if not digits.strip("+"):
        return None
    codes = re.sub(r"[^0-9,;*#]", "", codes).replace(";", ",")  # ";" is "wait": a pause here
    return PhoneJoin(number=number, href="tel:" + digits + quote(codes, safe=",*"),
                     one_tap=bool(re.search(r"\d", codes)))
