"""gunicorn settings, read from the environment (PORT, WEB_CONCURRENCY, WEB_THREADS)."""

import os

from directory.memory import for_building

# Before the app (and its search index) is loaded in this master: the build's temporaries
# get pages of their own, so they leave no holes for the workers' scratch to spread into
# (directory/memory.py).
for_building()

bind = f"0.0.0.0:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads per worker (WEB_THREADS; 1: gunicorn's sync worker). A request that waits (on
# SQLite, a write queued for the one write lock that a source sync holds for its whole
# run; a slow database) then holds one thread, not the whole worker: in a sync worker it
# stalled every request queued behind it (bench_load: a report waited 1.4 s for a sync's
# lock, the searches behind it as long). Searches are CPU work under one GIL per process:
# threads mostly overlap waits, they add little throughput of their own.
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# A worker accepts at most twice as many connections as it has threads; the rest wait in
# the kernel's queue for whichever worker is free first, not inside a busy one; half the
# allowance is for idle keep-alive connections (gunicorn's 2 s). bench_http measured the
# same with an allowance of just the threads (no keep-alive).
worker_connections = threads * 2
timeout = 30
graceful_timeout = 20
# Access log without query strings or edit tokens: search terms must never reach a log.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
logger_class = "directory.gunicorn_logging.RedactingLogger"
# The app and its search index are built once, in the master, before the workers fork: a
# worker that is replaced (killed, timed out, recycled) serves within a second instead of
# importing the app and rebuilding the index, and the workers share the index's pages.
preload_app = True


def when_ready(server):
    """Build the search index in the master, before any worker forks (see preload_app)."""
    app = server.app.wsgi()
    services = getattr(app, "extensions", {}).get("circles")
    if services is None:
        return
    from sqlmodel import Session

    from directory.db import get_engine

    cache = services.index
    engine = get_engine(app)
    try:
        # No background thread in the master (forking while one runs is unsafe): the first
        # build, and the snapshot after it, are written here before forking.
        with cache.foreground(), app.app_context(), Session(engine) as session:
            cache.warm(session)
        # What the first searches load (gazetteer tables, lexicon, crisis phrases, locale
        # data, templates) is loaded here too, so it is shared and frozen below.
        from directory.warmup import warm_up

        with cache.foreground():
            warm_up(app)
        services.rows.clear()  # the rows it read: each worker keeps its own
        # The index moves into a file mapped back (matching/mapped.py): resident only where
        # searches read it, its pages shared by the workers as before.
        if app.config.get("INDEX_MAP_DIR"):
            size = cache.map_to_file(app.config["INDEX_MAP_DIR"])
            if size is not None:
                server.log.info("search index mapped from a file of %.0f MB", size / 2**20)
    except Exception:  # a database that is down now: each worker tries again
        server.log.exception("could not build the search index before forking")
    finally:
        engine.dispose()  # each worker opens its own connections
    # The index (numpy columns and its compressed profiles, no Python object per group) is
    # shared with the workers page by page (copy-on-write); the Python objects that remain are
    # moved out of the collector's reach, so a worker's garbage collection does not write to
    # (and so copy) their pages.
    import ctypes
    import gc

    gc.collect()
    try:  # the profiles read for the build are freed: give their heap back (glibc)
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    gc.freeze()


def post_fork(server, worker):
    """How the worker's malloc serves searches (``directory.memory.for_serving``): one arena
    for all its threads (each thread's arena would keep the scratch of the searches it ran),
    and scratch reused from the heap instead of pages faulted in afresh."""
    from directory.memory import for_serving

    for_serving()


def post_worker_init(worker):
    """Check the index each worker inherited is current (or build it), so no seeker waits."""
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
