"""data sources: sources, sync reports, listing provenance, per-meeting source fields

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'data_source',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', _str(length=80), nullable=False),
        sa.Column('location', _str(length=1000), nullable=False),
        sa.Column('format', _str(length=20), nullable=False),
        sa.Column('topic', _str(length=200), nullable=True),
        sa.Column('approach', _str(length=20), nullable=True),
        sa.Column('timezone', _str(length=64), nullable=True),
        sa.Column('country', _str(length=2), nullable=True),
        sa.Column('etag', _str(length=500), nullable=True),
        sa.Column('last_modified', _str(length=100), nullable=True),
        sa.Column('body_hash', _str(length=64), nullable=True),
        sa.Column('last_synced_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_data_source_name', 'data_source', ['name'], unique=True)
    op.create_table(
        'sync_report',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=False),
        sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('finished_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('outcome', _str(length=20), nullable=False),
        sa.Column('message', _str(length=2000), nullable=True),
        sa.Column('added', sa.Integer(), nullable=False),
        sa.Column('changed', sa.Integer(), nullable=False),
        sa.Column('unchanged', sa.Integer(), nullable=False),
        sa.Column('withdrawn', sa.Integer(), nullable=False),
        sa.Column('skipped', sa.Integer(), nullable=False),
        sa.Column('conflicts', sa.Integer(), nullable=False),
        sa.Column('skipped_entries', sa.JSON(), nullable=False),
        sa.Column('conflict_entries', sa.JSON(), nullable=False),
        sa.Column('warnings', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['source_id'], ['data_source.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_sync_report_source_id', 'sync_report', ['source_id'])
    with op.batch_alter_table('support_group', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('source_entry_id', _str(length=200), nullable=True))
        batch_op.add_column(sa.Column('source_name', _str(length=200), nullable=True))
        batch_op.add_column(sa.Column('source_hash', _str(length=64), nullable=True))
        batch_op.add_column(sa.Column('source_synced_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('source_withdrawn_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index('ix_support_group_source_id', ['source_id'])
        batch_op.create_index('ix_support_group_source_entry_id', ['source_entry_id'])
        batch_op.create_foreign_key('fk_support_group_source_id', 'data_source',
                                    ['source_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', _str(length=200), nullable=True))
        batch_op.add_column(sa.Column('notes', _str(length=4000), nullable=True))
        batch_op.add_column(sa.Column('location_notes', _str(length=1000), nullable=True))
        batch_op.add_column(sa.Column('source_slug', _str(length=200), nullable=True))
        batch_op.add_column(sa.Column('source_types', sa.JSON(), nullable=False,
                                      server_default='[]'))
        batch_op.add_column(sa.Column('regions', sa.JSON(), nullable=False,
                                      server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        for column in ('regions', 'source_types', 'source_slug', 'location_notes', 'notes',
                       'name'):
            batch_op.drop_column(column)
    with op.batch_alter_table('support_group', schema=None) as batch_op:
        batch_op.drop_constraint('fk_support_group_source_id', type_='foreignkey')
        batch_op.drop_index('ix_support_group_source_entry_id')
        batch_op.drop_index('ix_support_group_source_id')
        for column in ('source_withdrawn_at', 'source_synced_at', 'source_hash',
                       'source_name', 'source_entry_id', 'source_id'):
            batch_op.drop_column(column)
    op.drop_index('ix_sync_report_source_id', table_name='sync_report')
    op.drop_table('sync_report')
    op.drop_index('ix_data_source_name', table_name='data_source')
    op.drop_table('data_source')
