"""The admin blueprint: moderation pages under /admin."""

from flask import Blueprint

from directory.admin import account_views, password_views, views
from directory.moderation import audit

bp = Blueprint("admin", __name__, url_prefix="/admin")
# The audit log's and the diff's words, in the moderator's language.
bp.add_app_template_filter(audit.action_words, "audit_action")
bp.add_app_template_filter(audit.change_label, "change_label")
bp.add_app_template_filter(audit.choice_label, "choice_label")
bp.add_app_template_filter(audit.change_value, "change_value")

# Route table: every URL of this blueprint, its view and its hooks.
bp.before_request(views.require_moderator)
bp.after_request(views.never_cache)
bp.add_url_rule("/login", view_func=views.login, methods=["GET", "POST"])
bp.add_url_rule("/logout", view_func=views.logout, methods=["POST"])
bp.add_url_rule("/", view_func=views.show_queue, methods=["GET"])
bp.add_url_rule("/bulk", view_func=views.bulk_decide, methods=["POST"])
bp.add_url_rule("/revisions/<int:revision_id>/approve-part",
                view_func=views.approve_in_part, methods=["POST"])
bp.add_url_rule("/revisions/<int:revision_id>", view_func=views.show_revision, methods=["GET"])
bp.add_url_rule("/revisions/<int:revision_id>/approve",
                view_func=views.approve_listing, methods=["POST"])
bp.add_url_rule("/revisions/<int:revision_id>/reject",
                view_func=views.reject_listing, methods=["POST"])
bp.add_url_rule("/reports", view_func=views.show_reports, methods=["GET"])
bp.add_url_rule("/reports/<int:report_id>/state",
                view_func=views.set_report_state, methods=["POST"])
bp.add_url_rule("/reports/<int:report_id>/resolve",
                view_func=views.resolve_report, methods=["POST"])
bp.add_url_rule("/stale", view_func=views.show_stale, methods=["GET"])
bp.add_url_rule("/duplicates", view_func=views.show_duplicates, methods=["GET"])
bp.add_url_rule("/audit", view_func=views.show_audit, methods=["GET"])
bp.add_url_rule("/audit/<int:entry_id>/revert", view_func=views.revert_entry, methods=["POST"])
bp.add_url_rule("/groups", view_func=views.list_groups, methods=["GET"])
bp.add_url_rule("/groups/<slug>/edit", view_func=views.edit_listing, methods=["GET", "POST"])
bp.add_url_rule("/groups/<slug>/pause", view_func=views.pause_listing, methods=["POST"])
bp.add_url_rule("/groups/<slug>/unpause", view_func=views.unpause_listing, methods=["POST"])
bp.add_url_rule("/import-export", view_func=views.show_import_export, methods=["GET"])
bp.add_url_rule("/export.csv", view_func=views.export_listings, methods=["GET"])
bp.add_url_rule("/import", view_func=views.import_listings, methods=["POST"])
bp.add_url_rule("/import/jobs/<int:job_id>", view_func=views.show_import_job,
                methods=["GET"])
bp.add_url_rule("/claims", view_func=views.show_claims, methods=["GET"])
bp.add_url_rule("/claims/<int:claim_id>/<decision>", view_func=views.decide_claim, methods=["POST"])
bp.add_url_rule("/verify", view_func=views.show_verify, methods=["GET"])
bp.add_url_rule("/verify/<slug>", view_func=views.verify_listing, methods=["POST"])
bp.add_url_rule("/sources", view_func=views.show_sources, methods=["GET"])
bp.add_url_rule("/sources/<int:source_id>/sync", view_func=views.sync_source_now, methods=["POST"])
bp.add_url_rule("/revisions/<int:revision_id>/resolve",
                view_func=views.resolve_conflict, methods=["POST"])
bp.add_url_rule("/accounts", view_func=account_views.list_staff, methods=["GET"])
bp.add_url_rule("/accounts", view_func=account_views.create_staff, methods=["POST"])
bp.add_url_rule("/accounts/<int:user_id>/role",
                view_func=account_views.change_staff_role, methods=["POST"])
bp.add_url_rule("/accounts/<int:user_id>/status",
                view_func=account_views.change_staff_status, methods=["POST"])
bp.add_url_rule("/accounts/<int:user_id>/link",
                view_func=account_views.resend_staff_link, methods=["POST"])
bp.add_url_rule("/password", view_func=password_views.change_password, methods=["GET", "POST"])
bp.add_url_rule("/set-password/<token>", view_func=password_views.set_password,
                methods=["GET", "POST"])
bp.add_url_rule("/forgot-password", view_func=password_views.forgot_password,
                methods=["GET", "POST"])
bp.add_url_rule("/settings", view_func=account_views.show_settings, methods=["GET", "POST"])
bp.add_url_rule("/organizations", view_func=account_views.list_organizations, methods=["GET"])
bp.add_url_rule("/organizations/<int:org_id>",
                view_func=account_views.show_organization, methods=["GET"])
bp.add_url_rule("/organizations/<int:org_id>/invite",
                view_func=account_views.invite_editor, methods=["POST"])
bp.add_url_rule("/organizations/<int:org_id>/trusted",
                view_func=account_views.set_organization_trusted, methods=["POST"])
bp.add_url_rule("/organizations/<int:org_id>/editors/<int:editor_id>/remove",
                view_func=account_views.remove_editor, methods=["POST"])
