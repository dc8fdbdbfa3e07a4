"""Site-wide files at fixed addresses (favicon, web-app manifest) and the text-size control."""

from __future__ import annotations

import json

from flask import Response, abort, current_app, redirect, request, send_from_directory

from directory.i18n.text import current_language, gettext
from directory.seekers.preferences import TEXT_COOKIE, TEXT_SIZES, local_path, remember

# Fixed names (browsers ask for them unprompted), so cached for a day and revalidated, unlike
# the content-hashed files under /static/ that are cached for a year.
SITE_FILE_CACHE = "public, max-age=86400"


def show_favicon():
    """Our own icon (static/icons/favicon.ico, drawn by scripts/make_icons.py)."""
    response = send_from_directory(current_app.static_folder, "icons/favicon.ico",
                                   mimetype="image/vnd.microsoft.icon")
    response.headers["Cache-Control"] = SITE_FILE_CACHE
    return response


def show_manifest():
    """The web-app manifest: name, colours and icons (under their hashed, immutable names);
    its name and description in the page's language (a page opened with `hl` links the
    manifest with it)."""
    from flask import url_for

    asset = current_app.jinja_env.globals["asset"]
    manifest = {
        "name": gettext("Circles — find a peer-support group"),
        "short_name": "Circles",
        "description": gettext("Find a peer-support group for codependency, addiction "
                               "recovery or emotional wellness — in person, online or by "
                               "phone."),
        "lang": current_language(),
        "dir": "ltr",
        "start_url": url_for("seekers.show_home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d5b79",
        "icons": [
            {"src": asset("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": asset("icons/icon-192.png"), "sizes": "192x192", "type": "image/png",
             "purpose": "any maskable"},
            {"src": asset("icons/icon-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "any maskable"},
        ],
    }
    return Response(json.dumps(manifest, ensure_ascii=False, indent=1),
                    mimetype="application/manifest+json",
                    headers={"Cache-Control": SITE_FILE_CACHE})


def set_text_size():
    """Remember "larger text" (or normal) on this device, then go back to the page."""
    size = request.args.get("size", "")
    if size not in TEXT_SIZES:
        abort(400, description="The text size must be “normal” or “large”.")
    response = redirect(local_path(request.args.get("next")), code=303)
    remember(response, TEXT_COOKIE, size, secure=current_app.config["SESSION_COOKIE_SECURE"])
    response.headers["Cache-Control"] = "no-store"
    return response
