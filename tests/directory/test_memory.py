"""The malloc settings of the web server's processes (``directory.memory``) take effect on
glibc, and are harmless elsewhere."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc settings")
def test_the_build_and_serve_settings_are_applied():
    # In a process of its own: the build setting would slow this one's searches.
    out = subprocess.run(
        [sys.executable, "-c",
         "from directory.memory import for_building, for_serving;"
         "print(for_building(), for_serving())"],
        capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["True", "True"]
