"""PostgreSQL's planner statistics, brought up to date after a bulk write.

PostgreSQL plans each query from the statistics ANALYZE gathers. Autovacuum gathers them
again once enough rows have changed — when it is on, and when it gets round to it. Until
then, right after an import of thousands of listings, the planner still believes the tables
hold what they held before (a few hundred rows, or none) and picks plans for that size.
Measured with ``benchmarks/bench_load.py`` on a server with autovacuum off, 50,000 groups
just imported: 7.6–9.6 instead of 10.4–14.5 CPU ms per request in the web workers, and
throughput that rose with concurrency (190 → 197 req/s, c=2 → c=16) instead of falling
(125 → 109), after one ANALYZE. So an import or a source sync that created or updated at
least :data:`ANALYZE_AFTER` listings analyzes the listing tables once it has committed, as
PostgreSQL's documentation advises after a bulk load. On SQLite nothing is done.

ANALYZE reads a fixed-size sample of each table (30,000 rows by default), so it takes about
the same time at any size: well under a second here.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from directory.models import AuditEntry, Group, Location, Meeting, Organization

log = logging.getLogger(__name__)

# Listings created or updated by one write from which the tables are analyzed.
ANALYZE_AFTER = 500
TABLES = tuple(m.__table__.name for m in (Group, Location, Meeting, Organization, AuditEntry))


def analyze_after_bulk_write(engine: Engine, listings: int) -> bool:
    """Analyze the listing tables when ``listings`` (created or updated, committed) reach
    :data:`ANALYZE_AFTER` on PostgreSQL. True when it ran. Never raises: the statistics
    only make later queries faster, and the write is already committed."""
    if listings < ANALYZE_AFTER or engine.dialect.name != "postgresql":
        return False
    try:
        with engine.connect() as connection:
            connection.execute(text("ANALYZE " + ", ".join(TABLES)))
            connection.commit()
    except SQLAlchemyError:
        log.warning("could not analyze the listing tables after a bulk write", exc_info=True)
        return False
    return True
