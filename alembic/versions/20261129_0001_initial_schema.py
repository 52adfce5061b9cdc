"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 09:13:21.512683
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('app_user',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('is_platform_admin', sa.Boolean(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('email', name=op.f('uq_app_user_email'))
    )
    op.create_table('auditevent',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=True),
    sa.Column('actor_user_id', sa.Uuid(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('object_type', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('object_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('ip', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auditevent'))
    )
    op.create_index(op.f('ix_auditevent_tenant_id'), 'auditevent', ['tenant_id'], unique=False)
    op.create_table('tenant',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenant'))
    )
    op.create_table('authsession',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ip', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_agent', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_authsession_user_id_app_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authsession'))
    )
    op.create_index(op.f('ix_authsession_user_id'), 'authsession', ['user_id'], unique=False)
    op.create_table('membership',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_membership_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_membership_user_id_app_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership')),
    sa.UniqueConstraint('tenant_id', 'user_id', name='uq_membership_tenant_user')
    )
    op.create_index(op.f('ix_membership_tenant_id'), 'membership', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_membership_user_id'), 'membership', ['user_id'], unique=False)
    op.create_table('onetimetoken',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_onetimetoken_user_id_app_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_onetimetoken'))
    )
    op.create_index(op.f('ix_onetimetoken_user_id'), 'onetimetoken', ['user_id'], unique=False)
    op.create_table('outboxmessage',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('to_email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('body_text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('sent_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_outboxmessage_tenant_id_tenant'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outboxmessage'))
    )
    op.create_index(op.f('ix_outboxmessage_tenant_id'), 'outboxmessage', ['tenant_id'], unique=False)
    op.create_table('wedding',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('partner_a', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('partner_b', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('wedding_date', sa.Date(), nullable=False),
    sa.Column('venue_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('venue_address', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('expected_guests', sa.Integer(), nullable=False),
    sa.Column('budget_total_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_wedding_created_by_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deleted_by'], ['app_user.id'], name=op.f('fk_wedding_deleted_by_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_wedding_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wedding'))
    )
    op.create_index(op.f('ix_wedding_tenant_id'), 'wedding', ['tenant_id'], unique=False)
    op.create_table('budgetcategory',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('planned_minor', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_budgetcategory_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_budgetcategory_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budgetcategory'))
    )
    op.create_index(op.f('ix_budgetcategory_tenant_id'), 'budgetcategory', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_budgetcategory_wedding_id'), 'budgetcategory', ['wedding_id'], unique=False)
    op.create_table('collaboratorinvitation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('invited_by', sa.Uuid(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('accepted_by', sa.Uuid(), nullable=True),
    sa.Column('revoked_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['accepted_by'], ['app_user.id'], name=op.f('fk_collaboratorinvitation_accepted_by_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['invited_by'], ['app_user.id'], name=op.f('fk_collaboratorinvitation_invited_by_app_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_collaboratorinvitation_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_collaboratorinvitation_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collaboratorinvitation')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_collaboratorinvitation_token_hash'))
    )
    op.create_index(op.f('ix_collaboratorinvitation_tenant_id'), 'collaboratorinvitation', ['tenant_id'], unique=False)
    op.create_table('household',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_household_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_household_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household'))
    )
    op.create_index(op.f('ix_household_tenant_id'), 'household', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_household_wedding_id'), 'household', ['wedding_id'], unique=False)
    op.create_table('task',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assignee_user_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assignee_user_id'], ['app_user.id'], name=op.f('fk_task_assignee_user_id_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_task_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_task_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task'))
    )
    op.create_index(op.f('ix_task_tenant_id'), 'task', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_task_wedding_id'), 'task', ['wedding_id'], unique=False)
    op.create_table('weddingevent',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('starts_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_weddingevent_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_weddingevent_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weddingevent'))
    )
    op.create_index(op.f('ix_weddingevent_tenant_id'), 'weddingevent', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_weddingevent_wedding_id'), 'weddingevent', ['wedding_id'], unique=False)
    op.create_table('weddingvendor',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_weddingvendor_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_weddingvendor_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weddingvendor'))
    )
    op.create_index(op.f('ix_weddingvendor_tenant_id'), 'weddingvendor', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_weddingvendor_wedding_id'), 'weddingvendor', ['wedding_id'], unique=False)
    op.create_table('budgetitem',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('category_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('estimated_minor', sa.Integer(), nullable=False),
    sa.Column('committed_minor', sa.Integer(), nullable=False),
    sa.Column('paid_minor', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['budgetcategory.id'], name=op.f('fk_budgetitem_category_id_budgetcategory'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_budgetitem_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_budgetitem_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budgetitem'))
    )
    op.create_index(op.f('ix_budgetitem_category_id'), 'budgetitem', ['category_id'], unique=False)
    op.create_index(op.f('ix_budgetitem_tenant_id'), 'budgetitem', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_budgetitem_wedding_id'), 'budgetitem', ['wedding_id'], unique=False)
    op.create_table('guest',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('last_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('side', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('rsvp_status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('invited_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_guest_household_id_household'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_guest_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_guest_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guest'))
    )
    op.create_index(op.f('ix_guest_household_id'), 'guest', ['household_id'], unique=False)
    op.create_index(op.f('ix_guest_tenant_id'), 'guest', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_guest_wedding_id'), 'guest', ['wedding_id'], unique=False)
    op.create_table('timelineitem',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('wedding_id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('starts_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['weddingevent.id'], name=op.f('fk_timelineitem_event_id_weddingevent'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_timelineitem_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wedding_id'], ['wedding.id'], name=op.f('fk_timelineitem_wedding_id_wedding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timelineitem'))
    )
    op.create_index(op.f('ix_timelineitem_tenant_id'), 'timelineitem', ['tenant_id'], unique=False)
    op.create_index(op.f('ix_timelineitem_wedding_id'), 'timelineitem', ['wedding_id'], unique=False)



def downgrade() -> None:

    op.drop_index(op.f('ix_timelineitem_wedding_id'), table_name='timelineitem')
    op.drop_index(op.f('ix_timelineitem_tenant_id'), table_name='timelineitem')
    op.drop_table('timelineitem')
    op.drop_index(op.f('ix_guest_wedding_id'), table_name='guest')
    op.drop_index(op.f('ix_guest_tenant_id'), table_name='guest')
    op.drop_index(op.f('ix_guest_household_id'), table_name='guest')
    op.drop_table('guest')
    op.drop_index(op.f('ix_budgetitem_wedding_id'), table_name='budgetitem')
    op.drop_index(op.f('ix_budgetitem_tenant_id'), table_name='budgetitem')
    op.drop_index(op.f('ix_budgetitem_category_id'), table_name='budgetitem')
    op.drop_table('budgetitem')
    op.drop_index(op.f('ix_weddingvendor_wedding_id'), table_name='weddingvendor')
    op.drop_index(op.f('ix_weddingvendor_tenant_id'), table_name='weddingvendor')
    op.drop_table('weddingvendor')
    op.drop_index(op.f('ix_weddingevent_wedding_id'), table_name='weddingevent')
    op.drop_index(op.f('ix_weddingevent_tenant_id'), table_name='weddingevent')
    op.drop_table('weddingevent')
    op.drop_index(op.f('ix_task_wedding_id'), table_name='task')
    op.drop_index(op.f('ix_task_tenant_id'), table_name='task')
    op.drop_table('task')
    op.drop_index(op.f('ix_household_wedding_id'), table_name='household')
    op.drop_index(op.f('ix_household_tenant_id'), table_name='household')
    op.drop_table('household')
    op.drop_index(op.f('ix_collaboratorinvitation_tenant_id'), table_name='collaboratorinvitation')
    op.drop_table('collaboratorinvitation')
    op.drop_index(op.f('ix_budgetcategory_wedding_id'), table_name='budgetcategory')
    op.drop_index(op.f('ix_budgetcategory_tenant_id'), table_name='budgetcategory')
    op.drop_table('budgetcategory')
    op.drop_index(op.f('ix_wedding_tenant_id'), table_name='wedding')
    op.drop_table('wedding')
    op.drop_index(op.f('ix_outboxmessage_tenant_id'), table_name='outboxmessage')
    op.drop_table('outboxmessage')
    op.drop_index(op.f('ix_onetimetoken_user_id'), table_name='onetimetoken')
    op.drop_table('onetimetoken')
    op.drop_index(op.f('ix_membership_user_id'), table_name='membership')
    op.drop_index(op.f('ix_membership_tenant_id'), table_name='membership')
    op.drop_table('membership')
    op.drop_index(op.f('ix_authsession_user_id'), table_name='authsession')
    op.drop_table('authsession')
    op.drop_table('tenant')
    op.drop_index(op.f('ix_auditevent_tenant_id'), table_name='auditevent')
    op.drop_table('auditevent')
    op.drop_table('app_user')

