"""The fixed quick-exit control never covers the crisis banner's words, in English, Spanish and
French, on phones (320 and 390 px) and a desktop, at standard and larger text."""

from __future__ import annotations

import pytest

WIDTHS = [320, 390, 1280]
# The right edge of the banner's text on the lines beside the control, and the control's left.
TEXT_BESIDE_CONTROL = """() => {
  const control = document.querySelector('.quick-exit').getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(document.querySelector('.crisis p'));
  let right = 0;
  for (const rect of range.getClientRects()) {
    if (rect.top < control.bottom && rect.width > 0) { right = Math.max(right, rect.right); }
  }
  return [right, control.left];
}"""


@pytest.mark.parametrize("large", [False, True], ids=["standard-text", "larger-text"])
@pytest.mark.parametrize("lang", ["en", "es", "fr"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_quick_exit_control_leaves_the_crisis_words_readable(browser, live_server, width,
                                                                 lang, large):
    context = browser.new_context(viewport={"width": width, "height": 800}, base_url=live_server)
    page = context.new_page()
    if large:
        page.goto("/preferences/text-size?size=large&next=/")
    page.goto(f"/groups?topic=grief&hl={lang}")
    assert page.locator("html.text-large").count() == (1 if large else 0)
    right, control_left = page.evaluate(TEXT_BESIDE_CONTROL)
    assert right <= control_left, (width, lang, large, right, control_left)
    context.close()
