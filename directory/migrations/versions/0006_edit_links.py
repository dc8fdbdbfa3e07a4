"""edit links expire, rotate and are used up; co-owners; claims; report states

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('edit_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=10),
                                      nullable=False, server_default='edit'))
        batch_op.add_column(sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254),
                                      nullable=True))
        batch_op.add_column(sa.Column('used_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column('revoked_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))
    with op.batch_alter_table('listing_owner', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminder_stage', sa.Integer(), nullable=False,
                                      server_default='0'))
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.alter_column(
            'status', existing_type=sqlmodel.sql.sqltypes.AutoString(length=10),
            type_=sqlmodel.sql.sqltypes.AutoString(length=20), existing_nullable=False)
        batch_op.add_column(sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=2000),
                                      nullable=True))
    op.create_table('listing_co_owner',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['support_group.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('group_id', 'email'),
    )
    with op.batch_alter_table('listing_co_owner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listing_co_owner_group_id'), ['group_id'],
                              unique=False)
    op.create_table('claim_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('explanation', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['support_group.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('claim_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_request_group_id'), ['group_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_claim_request_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('claim_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_request_status'))
        batch_op.drop_index(batch_op.f('ix_claim_request_group_id'))
    op.drop_table('claim_request')
    with op.batch_alter_table('listing_co_owner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_co_owner_group_id'))
    op.drop_table('listing_co_owner')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_column('note')
        batch_op.alter_column(
            'status', existing_type=sqlmodel.sql.sqltypes.AutoString(length=20),
            type_=sqlmodel.sql.sqltypes.AutoString(length=10), existing_nullable=False)
    with op.batch_alter_table('listing_owner', schema=None) as batch_op:
        batch_op.drop_column('reminder_stage')
    with op.batch_alter_table('edit_token', schema=None) as batch_op:
        batch_op.drop_column('revoked_at')
        batch_op.drop_column('used_at')
        batch_op.drop_column('email')
        batch_op.drop_column('purpose')
