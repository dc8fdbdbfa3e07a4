"""The api blueprint: JSON API, feeds and the OpenAPI document."""

from flask import Blueprint

bp = Blueprint("api", __name__)
