"""The owner's forms fit a 320 px wide screen: nothing is cut off or scrolls sideways."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from tests.browser.conftest import SCREENSHOTS

NARROW = {"width": 320, "height": 800}


def a_group_slug(live_server) -> str:
    with urllib.request.urlopen(f"{live_server}/api/v1/groups?per_page=1") as response:
        return json.load(response)["results"][0]["group"]["slug"]


@pytest.mark.parametrize("path", ["/submit", "/listings/recover", "claim"])
def test_owner_forms_fit_320_px(browser, live_server, path):
    if path == "claim":
        path = f"/groups/{a_group_slug(live_server)}/claim"
    context = browser.new_context(viewport=NARROW, base_url=live_server)
    page = context.new_page()
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{path} is {width}px wide at 320px"
    # Every visible control and label ends inside the screen.
    overflowing = page.evaluate("""() => [...document.querySelectorAll(
        'main input:not([type=hidden]), main select, main textarea, main label, main button')]
        .filter(el => el.offsetParent !== null)
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map(el => el.outerHTML.slice(0, 80))""")
    assert overflowing == []
    SCREENSHOTS.mkdir(exist_ok=True)
    name = re.sub(r"\W+", "-", path.strip("/"))[:40]
    page.screenshot(path=str(SCREENSHOTS / f"{name}-320.png"), full_page=True)
    context.close()
