"""gunicorn settings, read from the environment (PORT, WEB_CONCURRENCY)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
# Access log without query strings or edit tokens: search terms must never reach a log.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
logger_class = "directory.gunicorn_logging.RedactingLogger"


def post_worker_init(worker):
    """Build the search index as each worker starts, so no seeker waits for it."""
    app = worker.wsgi
    services = getattr(app, "extensions", {}).get("circles")
    if services is None:
        return
    cache = services.index
    try:
        from directory.db import get_session

        with app.app_context():
            cache.warm(get_session())
    except Exception:  # a database that is down now is retried on the first search
        worker.log.exception("could not build the search index at start")
    from directory.services.crisis import zone_countries
    from matching.crisis import detect_crisis

    zone_countries()  # the crisis panel's zone → country map (0.5 s), before any seeker
    detect_crisis("warm up")  # compiles the phrase table
