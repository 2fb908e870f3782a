"""draws: the lots drawn by hand for entries level after every tie-break step, per group

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 16:00:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('draws', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lots', sa.JSON(), nullable=False, server_default='{}'))


def downgrade():
    with op.batch_alter_table('draws', schema=None) as batch_op:
        batch_op.drop_column('lots')
