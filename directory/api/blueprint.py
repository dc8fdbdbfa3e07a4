"""The api blueprint: JSON API, feeds and the OpenAPI document."""

from flask import Blueprint

from directory.api import openapi, search, views

bp = Blueprint("api", __name__)

# Route table: every URL of this blueprint, its view and its hooks.
bp.add_url_rule("/api/v1/openapi.json", view_func=openapi.show_openapi, methods=["GET"])
bp.add_url_rule("/api/v1/groups", view_func=search.search_groups_json, methods=["GET"])
bp.add_url_rule("/api/v1/groups/<slug>", view_func=search.show_group_json, methods=["GET"])
bp.add_url_rule("/api/v1/topics", view_func=search.list_topics_json, methods=["GET"])
bp.add_url_rule("/healthz", view_func=views.check_health, methods=["GET"])
bp.add_url_rule("/api/v1/meeting-guide.json",
                view_func=views.show_meeting_guide_feed, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/", view_func=views.show_hsds_root, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/services", view_func=views.list_hsds_services, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/services/<service_id>",
                view_func=views.show_hsds_service, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/organizations",
                view_func=views.list_hsds_organizations, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/organizations/<organization_id>",
                view_func=views.show_hsds_organization, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/service_at_locations",
                view_func=views.list_hsds_service_at_locations, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/service_at_locations/<sal_id>",
                view_func=views.show_hsds_service_at_location, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/taxonomies", view_func=views.list_hsds_taxonomies, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/taxonomies/<taxonomy_id>",
                view_func=views.show_hsds_taxonomy, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/taxonomy_terms",
                view_func=views.list_hsds_taxonomy_terms, methods=["GET"])
bp.add_url_rule("/api/v1/hsds/taxonomy_terms/<term_id>",
                view_func=views.show_hsds_taxonomy_term, methods=["GET"])
