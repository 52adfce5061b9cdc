"""budget: per-guest categories and items, vendors, payments, payers and shares, scenarios

Existing items keep their amounts; an item that already had money paid gets one payment row for
that amount (dated the item's creation day, method "other"), so paid always equals the sum of
its payments from now on.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-29 10:05:00.000000
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = '0003'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tenant_wedding(table: str) -> list:
    return [
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('tenant_id', sa.Uuid(), nullable=False),
        sa.Column('wedding_id', sa.Uuid(), nullable=False),
    ]


def _tenant_wedding_keys(table: str) -> list:
    return [
        sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f(f'fk_{table}_tenant_id_tenant'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f(f'fk_{table}_wedding_id_wedding'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{table}')),
    ]


def _indexes(table: str, *columns: str) -> None:
    for column in ('tenant_id', 'wedding_id', *columns):
        op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it): a batch "move and copy" of budgetcategory would drop the old
    # table, and with foreign keys on, SQLite would cascade that drop to every budget item.
    op.add_column('budgetcategory', sa.Column('per_guest', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('budgetcategory', sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), server_default='', nullable=False))
    op.add_column('budgetcategory', sa.Column('position', sa.Integer(), server_default='0', nullable=False))
    op.add_column('budgetitem', sa.Column('vendor', sqlmodel.sql.sqltypes.AutoString(length=200), server_default='', nullable=False))
    op.add_column('budgetitem', sa.Column('per_guest', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('budgetitem', sa.Column('unit_estimated_minor', sa.Integer(), server_default='0', nullable=False))
    op.add_column('budgetitem', sa.Column('unit_actual_minor', sa.Integer(), server_default='0', nullable=False))
    op.add_column('budgetitem', sa.Column('split_mode', sqlmodel.sql.sqltypes.AutoString(length=10), server_default='', nullable=False))
    op.add_column('budgetitem', sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    op.create_table('budgetpayer',
    *_tenant_wedding('budgetpayer'),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    *_tenant_wedding_keys('budgetpayer'),
    )
    _indexes('budgetpayer')
    op.create_table('budgetscenario',
    *_tenant_wedding('budgetscenario'),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('guest_count', sa.Integer(), nullable=False),
    sa.Column('catering_per_head_minor', sa.Integer(), nullable=True),
    sa.Column('total_minor', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_budgetscenario_created_by_app_user'), ondelete='SET NULL'),
    *_tenant_wedding_keys('budgetscenario'),
    )
    _indexes('budgetscenario')
    op.create_table('budgetpayment',
    *_tenant_wedding('budgetpayment'),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('payer_id', sa.Uuid(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_budgetpayment_created_by_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['budgetitem.id'], name=op.f('fk_budgetpayment_item_id_budgetitem'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['payer_id'], ['budgetpayer.id'], name=op.f('fk_budgetpayment_payer_id_budgetpayer'), ondelete='SET NULL'),
    *_tenant_wedding_keys('budgetpayment'),
    )
    _indexes('budgetpayment', 'item_id')
    op.create_table('budgetshare',
    *_tenant_wedding('budgetshare'),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('payer_id', sa.Uuid(), nullable=False),
    sa.Column('percent_bp', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['budgetitem.id'], name=op.f('fk_budgetshare_item_id_budgetitem'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['payer_id'], ['budgetpayer.id'], name=op.f('fk_budgetshare_payer_id_budgetpayer'), ondelete='CASCADE'),
    *_tenant_wedding_keys('budgetshare'),
    sa.UniqueConstraint('item_id', 'payer_id', name='uq_budgetshare_item_id_payer_id')
    )
    _indexes('budgetshare', 'item_id', 'payer_id')

    # Money already recorded as paid becomes one payment, so paid = sum(payments) holds for old rows too.
    bind = op.get_bind()
    items = sa.table(
        'budgetitem',
        sa.column('id', sa.Uuid()), sa.column('tenant_id', sa.Uuid()), sa.column('wedding_id', sa.Uuid()),
        sa.column('paid_minor', sa.Integer()), sa.column('created_at', models.base.UTCDateTime(timezone=True)),
    )
    payments = sa.table(
        'budgetpayment',
        sa.column('id', sa.Uuid()), sa.column('tenant_id', sa.Uuid()), sa.column('wedding_id', sa.Uuid()),
        sa.column('item_id', sa.Uuid()), sa.column('amount_minor', sa.Integer()), sa.column('paid_on', sa.Date()),
        sa.column('method', sa.String()), sa.column('note', sa.String()),
        sa.column('created_at', models.base.UTCDateTime(timezone=True)),
    )
    rows = [
        {
            'id': uuid.uuid4(), 'tenant_id': r.tenant_id, 'wedding_id': r.wedding_id, 'item_id': r.id,
            'amount_minor': r.paid_minor, 'paid_on': r.created_at.date(), 'method': 'other', 'note': '',
            'created_at': r.created_at,
        }
        for r in bind.execute(sa.select(items).where(items.c.paid_minor > 0))
    ]
    if rows:
        op.bulk_insert(payments, rows)


def downgrade() -> None:
    for table, columns in (
        ('budgetshare', ('payer_id', 'item_id')),
        ('budgetpayment', ('item_id',)),
        ('budgetscenario', ()),
        ('budgetpayer', ()),
    ):
        for column in (*columns, 'wedding_id', 'tenant_id'):
            op.drop_index(op.f(f'ix_{table}_{column}'), table_name=table)
        op.drop_table(table)
    # Plain DROP COLUMN (SQLite >= 3.35), for the same reason as in upgrade().
    for column in ('version', 'split_mode', 'unit_actual_minor', 'unit_estimated_minor', 'per_guest', 'vendor'):
        op.drop_column('budgetitem', column)
    for column in ('position', 'kind', 'per_guest'):
        op.drop_column('budgetcategory', column)
