"""draws: the entries withdrawn since the draw (their matches are walked over)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:00:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('draws', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    with op.batch_alter_table('draws', schema=None) as batch_op:
        batch_op.drop_column('withdrawn')
