"""the language mail is written in: listing owners, staff accounts, organization editors

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

Mail sent outside a request (verification reminders, moderators' digests, decisions and
report outcomes) speaks the language the owner submitted in, or the moderator or editor last
logged in with; a claim a moderator approves, the claimant's. Existing rows keep NULL, which is English — what they were always sent.
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString
TABLES = ('listing_owner', 'claim_request', 'admin_user', 'org_editor')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('language', _str(length=5), nullable=True))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('language')
