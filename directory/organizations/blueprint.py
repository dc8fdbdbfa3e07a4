"""The organizations blueprint: submit a listing, edit it through a private link, claim it."""

from flask import Blueprint
from werkzeug.exceptions import TooManyRequests

from directory.organizations import link_views, views
from directory.web.listing_form import MAX_MEETINGS, field_label, form_vocabularies

bp = Blueprint("organizations", __name__)
# The listing form is also the moderators' edit form, so the vocabularies are app-wide.
bp.add_app_template_global(form_vocabularies, "form_vocabularies")
bp.add_app_template_global(field_label, "field_label")
bp.add_app_template_global(MAX_MEETINGS, "max_meetings")  # type: ignore[arg-type]

# Route table: every URL of this blueprint, its view and its hooks.
bp.add_url_rule("/groups/<slug>/claim", view_func=link_views.claim_listing, methods=["GET", "POST"])
bp.add_url_rule("/listings/claim/<token>", view_func=link_views.open_claim, methods=["GET"])
bp.add_url_rule("/listings/claim/<token>", view_func=link_views.redeem_claim, methods=["POST"])
bp.add_url_rule("/listings/recover", view_func=link_views.recover_links, methods=["GET", "POST"])
bp.add_url_rule("/listings/edit/<token>/renew", view_func=link_views.renew_link, methods=["POST"])
bp.add_url_rule("/listings/edit/<token>/rotate", view_func=link_views.rotate_link, methods=["POST"])
bp.add_url_rule("/listings/edit/<token>/co-owners",
                view_func=link_views.add_co_owner, methods=["POST"])
bp.add_url_rule("/listings/edit/<token>/co-owners/<int:co_owner_id>/remove",
                view_func=link_views.remove_co_owner, methods=["POST"])
bp.register_error_handler(TooManyRequests, views.show_rate_limited)
bp.add_url_rule("/submit", view_func=views.submit_listing, methods=["GET", "POST"])
bp.add_url_rule("/submit/done", view_func=views.show_submitted, methods=["GET"])
bp.add_url_rule("/listings/edit/<token>", view_func=views.edit_listing, methods=["GET", "POST"])
bp.add_url_rule("/listings/edit/<token>/confirm", view_func=views.confirm_listing, methods=["POST"])
bp.add_url_rule("/listings/edit/<token>/pause", view_func=views.pause_listing, methods=["POST"])
bp.add_url_rule("/listings/edit/<token>/unpause", view_func=views.unpause_listing, methods=["POST"])
bp.add_url_rule("/groups/<slug>/report", view_func=views.report_problem, methods=["GET", "POST"])
bp.add_url_rule("/groups/<slug>/report/thanks", view_func=views.show_reported, methods=["GET"])
