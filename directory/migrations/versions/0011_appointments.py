"""by-appointment meetings: a group keeps its feed's entries with no day

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

A Meeting Guide entry with no `day` is a meeting "by appointment" (the spec allows it).
It has no schedule, so it is no meeting row: the group keeps such entries as a JSON list
(name, notes, slug, types, regions, attendance, place, join details) for our exports.
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('support_group') as batch:
        batch.add_column(sa.Column('appointments', sa.JSON(), nullable=False,
                                   server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('support_group') as batch:
        batch.drop_column('appointments')
