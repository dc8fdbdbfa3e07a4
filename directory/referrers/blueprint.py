"""The referrers blueprint: handouts and embeds."""

from flask import Blueprint

from directory.referrers import views

bp = Blueprint("referrers", __name__)

# Route table: every URL of this blueprint, its view and its hooks.
bp.add_url_rule("/handout", view_func=views.show_handout, methods=["GET"])
bp.add_url_rule("/embed", view_func=views.show_embed, methods=["GET"])
