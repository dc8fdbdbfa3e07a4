from directory.admin import bp  # noqa: F401
