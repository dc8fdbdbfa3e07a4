"""one-time set-password links for staff accounts

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

New moderators and admins choose their own password through a one-time, expiring link
(only its SHA-256 is stored); the same table holds "forgot password" links.
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString
_dt = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        'staff_password_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('admin_user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', _str(length=64), nullable=False),
        sa.Column('purpose', _str(length=10), nullable=False),
        sa.Column('created_by', _str(length=300), nullable=False),
        sa.Column('created_at', _dt(), nullable=False),
        sa.Column('expires_at', _dt(), nullable=False),
        sa.Column('used_at', _dt(), nullable=True),
        sa.Column('revoked_at', _dt(), nullable=True),
        sa.ForeignKeyConstraint(['admin_user_id'], ['admin_user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_staff_password_link_admin_user_id', 'staff_password_link',
                    ['admin_user_id'])
    op.create_index('ix_staff_password_link_token_hash', 'staff_password_link',
                    ['token_hash'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_staff_password_link_token_hash', table_name='staff_password_link')
    op.drop_index('ix_staff_password_link_admin_user_id', table_name='staff_password_link')
    op.drop_table('staff_password_link')
