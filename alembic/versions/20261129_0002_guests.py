"""guests: households and guests extended, tags, event meal options, per-event invitations

Guest.rsvp_status moves to GuestEventInvitation (one RSVP per event): each existing guest gets
an invitation to their wedding's main event (the reception, else the first event; a "Reception"
event is created for weddings that have none) carrying their old status, then the column goes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 09:45:07.994266
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

_MAIN_KINDS = ('reception',)


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('eventmealoption',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['weddingevent.id'], name=op.f('fk_eventmealoption_event_id_weddingevent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_eventmealoption_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_eventmealoption_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eventmealoption'))
    )
    op.create_index(op.f('ix_eventmealoption_event_id'), 'eventmealoption', ['event_id'], unique=False)
    op.create_index(op.f('ix_eventmealoption_tenant_id'), 'eventmealoption', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_eventmealoption_wedding_id'), 'eventmealoption', ['wedding_id'], unique=False)
    op.create_table('guesteventinvitation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('guest_id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('rsvp_status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('meal_option_id', sa.Uuid(), nullable=True),
    sa.Column('plus_one_attending', sa.Boolean(), nullable=False),
    sa.Column('plus_one_meal_option_id', sa.Uuid(), nullable=True),
    sa.Column('responded_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['weddingevent.id'], name=op.f('fk_guesteventinvitation_event_id_weddingevent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], name=op.f('fk_guesteventinvitation_guest_id_guest'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meal_option_id'], ['eventmealoption.id'], name=op.f('fk_guesteventinvitation_meal_option_id_eventmealoption'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plus_one_meal_option_id'], ['eventmealoption.id'], name=op.f('fk_guesteventinvitation_plus_one_meal_option_id_eventmealoption'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_guesteventinvitation_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_guesteventinvitation_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guesteventinvitation')),
    sa.UniqueConstraint('guest_id', 'event_id', name='uq_guesteventinvitation_guest_id_event_id')
    )
    op.create_index(op.f('ix_guesteventinvitation_event_id'), 'guesteventinvitation', ['event_id'], unique=False)
    op.create_index(op.f('ix_guesteventinvitation_guest_id'), 'guesteventinvitation', ['guest_id'], unique=False)
    op.create_index(op.f('ix_guesteventinvitation_tenant_id'), 'guesteventinvitation', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_guesteventinvitation_wedding_id'), 'guesteventinvitation', ['wedding_id'], unique=False)
    op.create_table('guesttag',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('guest_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.ForeignKeyConstraint(['guest_id'], ['guest.id'], name=op.f('fk_guesttag_guest_id_guest'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_guesttag_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_guesttag_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guesttag')),
    sa.UniqueConstraint('guest_id', 'name', name='uq_guesttag_guest_id_name')
    )
    op.create_index(op.f('ix_guesttag_guest_id'), 'guesttag', ['guest_id'], unique=False)
    op.create_index(op.f('ix_guesttag_name'), 'guesttag', ['name'], unique=False)
    op.create_index(op.f('ix_guesttag_tenant_id'), 'guesttag', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_guesttag_wedding_id'), 'guesttag', ['wedding_id'], unique=False)
    # Plain ALTER TABLE on both databases: SQLite adds and drops these columns in place. (A batch
    # "move and copy" would DROP the old table, and with foreign keys on, that cascades to its children.)
    for column in (
        sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=20), server_default='', nullable=False),
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=500), server_default='', nullable=False),
        sa.Column('age_group', sqlmodel.sql.sqltypes.AutoString(length=10), server_default='adult', nullable=False),
        sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=10), server_default='', nullable=False),
        sa.Column('dietary', sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
        sa.Column('dietary_notes', sqlmodel.sql.sqltypes.AutoString(length=500), server_default='', nullable=False),
        sa.Column('accessibility', sqlmodel.sql.sqltypes.AutoString(length=500), server_default='', nullable=False),
        sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=2000), server_default='', nullable=False),
        sa.Column('plus_one', sqlmodel.sql.sqltypes.AutoString(length=10), server_default='none', nullable=False),
        sa.Column('plus_one_name', sqlmodel.sql.sqltypes.AutoString(length=200), server_default='', nullable=False),
        sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=True),
    ):
        op.add_column('guest', column)
    op.add_column('household', sa.Column('invite_token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.add_column('household', sa.Column('invite_token_created_at', models.base.UTCDateTime(timezone=True), nullable=True))
    op.create_index(op.f('ix_household_invite_token_hash'), 'household', ['invite_token_hash'], unique=True)
    op.add_column('weddingevent', sa.Column('capacity', sa.Integer(), nullable=True))
    _move_rsvp_to_the_main_event()
    op.execute('ALTER TABLE guest DROP COLUMN rsvp_status')


def downgrade() -> None:
    op.add_column('guest', sa.Column('rsvp_status', sa.VARCHAR(length=10), server_default='pending', nullable=False))
    _copy_main_event_rsvp_back()
    op.execute('ALTER TABLE weddingevent DROP COLUMN capacity')
    op.drop_index(op.f('ix_household_invite_token_hash'), table_name='household')
    for column in ('invite_token_created_at', 'invite_token_hash'):
        op.execute(f'ALTER TABLE household DROP COLUMN {column}')
    for column in ('updated_at', 'plus_one_name', 'plus_one', 'notes', 'accessibility', 'dietary_notes',
                   'dietary', 'language', 'age_group', 'address', 'phone'):
        op.execute(f'ALTER TABLE guest DROP COLUMN {column}')
    op.drop_index(op.f('ix_guesttag_wedding_id'), table_name='guesttag')
    op.drop_index(op.f('ix_guesttag_tenant_id'), table_name='guesttag')
    op.drop_index(op.f('ix_guesttag_name'), table_name='guesttag')
    op.drop_index(op.f('ix_guesttag_guest_id'), table_name='guesttag')
    op.drop_table('guesttag')
    op.drop_index(op.f('ix_guesteventinvitation_wedding_id'), table_name='guesteventinvitation')
    op.drop_index(op.f('ix_guesteventinvitation_tenant_id'), table_name='guesteventinvitation')
    op.drop_index(op.f('ix_guesteventinvitation_guest_id'), table_name='guesteventinvitation')
    op.drop_index(op.f('ix_guesteventinvitation_event_id'), table_name='guesteventinvitation')
    op.drop_table('guesteventinvitation')
    op.drop_index(op.f('ix_eventmealoption_wedding_id'), table_name='eventmealoption')
    op.drop_index(op.f('ix_eventmealoption_tenant_id'), table_name='eventmealoption')
    op.drop_index(op.f('ix_eventmealoption_event_id'), table_name='eventmealoption')
    op.drop_table('eventmealoption')



def _u(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _typed(sql: str, uuids: tuple[str, ...], moments: tuple[str, ...] = ()) -> sa.TextClause:
    """Bind UUIDs and datetimes through their column types (hex text on SQLite, native on PostgreSQL)."""
    return sa.text(sql).bindparams(
        *[sa.bindparam(n, type_=sa.Uuid()) for n in uuids],
        *[sa.bindparam(n, type_=models.base.UTCDateTime()) for n in moments],
    )


def _main_events(bind) -> dict:
    """wedding_id -> main event id for every wedding that has guests; creates a Reception where none exists."""
    weddings = bind.execute(sa.text("SELECT DISTINCT wedding_id, tenant_id FROM guest")).all()
    events = bind.execute(sa.text("SELECT id, wedding_id, kind, starts_at FROM weddingevent")).all()
    out = {}
    for wedding_id, tenant_id in weddings:
        mine = [e for e in events if _u(e.wedding_id) == _u(wedding_id)]
        main = next((e for e in mine if e.kind in _MAIN_KINDS), None)
        if main is None and mine:
            main = sorted(mine, key=lambda e: (e.starts_at is None, str(e.starts_at), str(e.id)))[0]
        if main is None:
            event_id = uuid.uuid4()
            bind.execute(
                _typed(
                    "INSERT INTO weddingevent (id, tenant_id, wedding_id, name, kind, location) "
                    "VALUES (:id, :t, :w, 'Reception', 'reception', '')",
                    ("id", "t", "w"),
                ),
                {"id": event_id, "t": _u(tenant_id), "w": _u(wedding_id)},
            )
        else:
            event_id = _u(main.id)
        out[_u(wedding_id)] = event_id
    return out


def _move_rsvp_to_the_main_event() -> None:
    bind = op.get_bind()
    mains = _main_events(bind)
    now = datetime.now(UTC)
    guests = bind.execute(sa.text("SELECT id, wedding_id, tenant_id, rsvp_status FROM guest")).all()
    rows = [
        {
            "id": uuid.uuid4(),
            "t": _u(g.tenant_id),
            "w": _u(g.wedding_id),
            "g": _u(g.id),
            "e": mains[_u(g.wedding_id)],
            "s": g.rsvp_status if g.rsvp_status in ("pending", "attending", "declined") else "pending",
            "c": now,
        }
        for g in guests
    ]
    if rows:
        bind.execute(
            _typed(
                "INSERT INTO guesteventinvitation (id, tenant_id, wedding_id, guest_id, event_id, rsvp_status, "
                "plus_one_attending, created_at) VALUES (:id, :t, :w, :g, :e, :s, false, :c)",
                ("id", "t", "w", "g", "e"),
                ("c",),
            ),
            rows,
        )


def _copy_main_event_rsvp_back() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT i.guest_id, i.rsvp_status, e.kind FROM guesteventinvitation i "
            "JOIN weddingevent e ON e.id = i.event_id"
        )
    ).all()
    best = {}
    for guest_id, status, kind in rows:
        if guest_id not in best or kind in _MAIN_KINDS:
            best[guest_id] = status
    for guest_id, status in best.items():
        bind.execute(_typed("UPDATE guest SET rsvp_status = :s WHERE id = :g", ("g",)), {"s": status, "g": _u(guest_id)})
