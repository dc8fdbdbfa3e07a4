"""the language co-owners' and editors' invitations are written in

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02

A co-owner (listing_co_owner) and an invitation to become an organization's editor
(org_invitation) keep the language of the page they were made from: the mail sent to that
address is written in it. Existing rows keep NULL, which is English — what they were sent.
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString
TABLES = ('listing_co_owner', 'org_invitation')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('language', _str(length=5), nullable=True))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('language')
