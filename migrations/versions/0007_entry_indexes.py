"""entries: one (contest_id, status) index instead of one on contest_id and one on status

SQLite, without statistics, chose the status index for "this contest's approved entries": a draw read
every approved entry of every contest (measured: reading 512 entries among 10,000 approved elsewhere took
1.2 ms, 0.85 ms with this index). Every query on entries names its contest; the new index serves those alone too.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 00:00:00

"""
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.create_index('ix_entries_contest_id_status', ['contest_id', 'status'], unique=False)
        batch_op.drop_index(batch_op.f('ix_entries_status'))
        batch_op.drop_index(batch_op.f('ix_entries_contest_id'))


def downgrade():
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entries_contest_id'), ['contest_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entries_status'), ['status'], unique=False)
        batch_op.drop_index('ix_entries_contest_id_status')
