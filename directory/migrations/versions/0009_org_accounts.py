"""organization editors and invitations, staff roles, moderator notices

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

Existing staff accounts: `flask create-admin` has always written role "admin", so those
accounts stay admins; any other role value becomes "moderator", and if no admin is left the
oldest account becomes one (someone must be able to manage accounts from the web).
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString
_dt = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table('organization') as batch:
        batch.add_column(sa.Column('trusted', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table('admin_user') as batch:
        batch.add_column(sa.Column('disabled_at', _dt(), nullable=True))
        batch.add_column(sa.Column('notify', _str(length=10), nullable=False,
                                   server_default='digest'))
        batch.add_column(sa.Column('digest_sent_at', _dt(), nullable=True))
    op.execute("UPDATE admin_user SET role = 'moderator' "
               "WHERE role NOT IN ('admin', 'moderator')")
    op.execute("UPDATE admin_user SET role = 'admin' WHERE id = (SELECT MIN(id) FROM "
               "admin_user) AND NOT EXISTS (SELECT 1 FROM admin_user WHERE role = 'admin')")

    op.create_table(
        'org_editor',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organization_id', sa.Integer(), nullable=False),
        sa.Column('email', _str(length=254), nullable=False),
        sa.Column('password_hash', _str(length=300), nullable=False),
        sa.Column('created_at', _dt(), nullable=False),
        sa.Column('last_login_at', _dt(), nullable=True),
        sa.Column('session_version', sa.Integer(), nullable=False),
        sa.Column('removed_at', _dt(), nullable=True),
        sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_org_editor_email', 'org_editor', ['email'], unique=True)
    op.create_index('ix_org_editor_organization_id', 'org_editor', ['organization_id'])
    op.create_table(
        'org_invitation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organization_id', sa.Integer(), nullable=False),
        sa.Column('email', _str(length=254), nullable=False),
        sa.Column('token_hash', _str(length=64), nullable=False),
        sa.Column('invited_by', _str(length=300), nullable=False),
        sa.Column('created_at', _dt(), nullable=False),
        sa.Column('expires_at', _dt(), nullable=False),
        sa.Column('used_at', _dt(), nullable=True),
        sa.Column('revoked_at', _dt(), nullable=True),
        sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_org_invitation_token_hash', 'org_invitation', ['token_hash'],
                    unique=True)
    op.create_index('ix_org_invitation_organization_id', 'org_invitation',
                    ['organization_id'])
    op.create_table(
        'moderator_notice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', _dt(), nullable=False),
        sa.Column('kind', _str(length=20), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=True),
        sa.Column('group_slug', _str(length=80), nullable=True),
        sa.Column('group_name', _str(length=200), nullable=False),
        sa.Column('admin_path', _str(length=300), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_moderator_notice_at', 'moderator_notice', ['at'])


def downgrade() -> None:
    op.drop_index('ix_moderator_notice_at', table_name='moderator_notice')
    op.drop_table('moderator_notice')
    op.drop_index('ix_org_invitation_organization_id', table_name='org_invitation')
    op.drop_index('ix_org_invitation_token_hash', table_name='org_invitation')
    op.drop_table('org_invitation')
    op.drop_index('ix_org_editor_organization_id', table_name='org_editor')
    op.drop_index('ix_org_editor_email', table_name='org_editor')
    op.drop_table('org_editor')
    with op.batch_alter_table('admin_user') as batch:
        batch.drop_column('digest_sent_at')
        batch.drop_column('notify')
        batch.drop_column('disabled_at')
    with op.batch_alter_table('organization') as batch:
        batch.drop_column('trusted')
