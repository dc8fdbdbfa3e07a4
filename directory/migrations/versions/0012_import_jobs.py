"""import jobs: admin-page imports run in the background, with the uploaded file kept

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString
_dt = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        'import_job',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', _dt(), nullable=False),
        sa.Column('actor', _str(length=300), nullable=False),
        sa.Column('filename', _str(length=100), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('status', _str(length=20), nullable=False),
        sa.Column('stage', _str(length=20), nullable=False),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('attempt', sa.Integer(), nullable=False),
        sa.Column('heartbeat_at', _dt(), nullable=True),
        sa.Column('finished_at', _dt(), nullable=True),
        sa.Column('payload', sa.LargeBinary(), nullable=True),
        sa.Column('report', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_import_job_created_at', 'import_job', ['created_at'])


def downgrade() -> None:
    op.drop_index('ix_import_job_created_at', table_name='import_job')
    op.drop_table('import_job')
