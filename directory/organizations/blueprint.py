"""The organizations blueprint: submit a listing, edit it through a private link, claim it."""

from flask import Blueprint

from directory.services.listing_form import MAX_MEETINGS, field_label, form_vocabularies

bp = Blueprint("organizations", __name__)
# The listing form is also the moderators' edit form, so the vocabularies are app-wide.
bp.add_app_template_global(form_vocabularies, "form_vocabularies")
bp.add_app_template_global(field_label, "field_label")
bp.add_app_template_global(MAX_MEETINGS, "max_meetings")  # type: ignore[arg-type]
