"""the language co-owners' and editors' invitations are written in; codes of stored messages

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02

A co-owner (listing_co_owner) and an invitation to become an organization's editor
(org_invitation) keep the language of the page they were made from: the mail sent to that
address is written in it. Existing rows keep NULL, which is English — what they were sent.

Messages the system stores as text (a sync report's message, an audit entry's note, a
revision's "Not kept: …" reason) keep their code and values beside it (JSON), so that a
reader in another language sees them in theirs; old rows keep NULL and show their text.
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
CODES = (('sync_report', 'message_problem'), ('audit_entry', 'note_problem'),
         ('listing_revision', 'reason_problem'))


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('language', _str(length=5), nullable=True))
    for table, column in CODES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.JSON(), nullable=True))


def downgrade() -> None:
    for table, column in reversed(CODES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('language')
