"""The editors blueprint: an organization's own accounts under /organization."""

from flask import Blueprint

from directory.editors import views

bp = Blueprint("editors", __name__, url_prefix="/organization")

# Route table: every URL of this blueprint, its view and its hooks.
bp.before_request(views.require_editor)
bp.after_request(views.never_cache)
bp.add_url_rule("/login", view_func=views.login, methods=["GET", "POST"])
bp.add_url_rule("/logout", view_func=views.logout, methods=["POST"])
bp.add_url_rule("/", view_func=views.show_listings, methods=["GET"])
bp.add_url_rule("/listings/new", view_func=views.new_listing, methods=["GET", "POST"])
bp.add_url_rule("/listings/<slug>/edit", view_func=views.edit_listing, methods=["GET", "POST"])
bp.add_url_rule("/editors", view_func=views.show_editors, methods=["GET"])
bp.add_url_rule("/editors/invite", view_func=views.invite_editor, methods=["POST"])
bp.add_url_rule("/invitations/<token>", view_func=views.accept_invitation, methods=["GET", "POST"])
bp.add_url_rule("/password", view_func=views.change_password, methods=["GET", "POST"])
