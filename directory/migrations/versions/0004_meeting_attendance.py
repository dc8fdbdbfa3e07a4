"""meetings carry their own attendance; one-tap dial strings fit in online_phone

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        # NULL: the meeting follows its group's format (every existing meeting).
        batch_op.add_column(sa.Column(
            'attendance', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True))
        batch_op.alter_column(
            'online_phone', existing_type=sqlmodel.sql.sqltypes.AutoString(length=40),
            type_=sqlmodel.sql.sqltypes.AutoString(length=100), existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.alter_column(
            'online_phone', existing_type=sqlmodel.sql.sqltypes.AutoString(length=100),
            type_=sqlmodel.sql.sqltypes.AutoString(length=40), existing_nullable=True)
        batch_op.drop_column('attendance')
