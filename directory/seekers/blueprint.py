"""The seekers blueprint: search, group pages and the guide."""

from flask import Blueprint

from directory.seekers import guide_views, language_views, site_views, views

bp = Blueprint("seekers", __name__)

# Route table: every URL of this blueprint, its view and its hooks.
bp.add_url_rule("/guide", view_func=guide_views.show_guide_index, methods=["GET"])
bp.add_url_rule("/guide/", view_func=guide_views.redirect_guide_index, methods=["GET"])
bp.add_url_rule("/guide/<page>", view_func=guide_views.show_guide_page, methods=["GET"])
bp.add_url_rule("/", view_func=views.show_home, methods=["GET"])
bp.add_url_rule("/groups", view_func=views.search, methods=["GET"])
bp.add_url_rule("/groups/qr.svg", view_func=views.show_search_qr, methods=["GET"])
bp.add_url_rule("/groups/<slug>", view_func=views.show_group, methods=["GET"])
bp.add_url_rule("/groups/<slug>.ics", view_func=views.download_group_calendar, methods=["GET"])
bp.add_url_rule("/groups.ics", view_func=views.download_search_calendar, methods=["GET"])
bp.add_url_rule("/favicon.ico", view_func=site_views.show_favicon, methods=["GET"])
bp.add_url_rule("/manifest.webmanifest", view_func=site_views.show_manifest, methods=["GET"])
bp.add_url_rule("/preferences/text-size", view_func=site_views.set_text_size, methods=["GET"])
bp.add_url_rule("/language/<code>", view_func=language_views.choose_language, methods=["GET"])
