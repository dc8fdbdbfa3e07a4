"""file imports remember when they last wrote a listing (conflicts with edits made here)

A listing that a file import (or a data source) wrote last, and that nobody changed since,
gets `source_synced_at` = its `updated_at`: the next import may update it. Every other
listing counts as edited here, so an import brings it to a moderator as a conflict instead
of overwriting it (directory/services/conflicts.py). Data only; no schema change.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The import's audit entry and the group's updated_at are the same instant.
    op.execute(
        "UPDATE support_group SET source_synced_at = updated_at "
        "WHERE source_synced_at IS NULL AND EXISTS ("
        "SELECT 1 FROM audit_entry a WHERE a.group_id = support_group.id "
        "AND a.action = 'imported' AND a.at >= support_group.updated_at)"
    )


def downgrade() -> None:
    op.execute("UPDATE support_group SET source_synced_at = NULL WHERE source_id IS NULL")
