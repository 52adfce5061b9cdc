"""seating: plans, tables, room elements, seat assignments, rules, undo log, presence, optimizer runs

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 12:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base


revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "seatingplan",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("keep_households_together", sa.Boolean(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("grid", sa.Integer(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["weddingevent.id"], name=op.f("fk_seatingplan_event_id_weddingevent"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_seatingplan_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_seatingplan_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seatingplan")),
    )
    op.create_index(op.f("ix_seatingplan_event_id"), "seatingplan", ["event_id"], unique=True)
    op.create_index(op.f("ix_seatingplan_tenant_id"), "seatingplan", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_seatingplan_wedding_id"), "seatingplan", ["wedding_id"], unique=False)
    op.create_table(
        "optimizationrun",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("mode", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("started_by", sa.Uuid(), nullable=True),
        sa.Column("time_limit_s", sa.Float(), nullable=False),
        sa.Column("best", sa.Integer(), nullable=True),
        sa.Column("bound", sa.Integer(), nullable=True),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("stop_requested", sa.Boolean(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("proposal", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["seatingplan.id"], name=op.f("fk_optimizationrun_plan_id_seatingplan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["started_by"], ["app_user.id"], name=op.f("fk_optimizationrun_started_by_app_user"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_optimizationrun_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_optimizationrun_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_optimizationrun")),
    )
    op.create_index(op.f("ix_optimizationrun_plan_id"), "optimizationrun", ["plan_id"], unique=False)
    op.create_index(op.f("ix_optimizationrun_tenant_id"), "optimizationrun", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_optimizationrun_wedding_id"), "optimizationrun", ["wedding_id"], unique=False)
    op.create_table(
        "roomelement",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("x", sa.Integer(), nullable=False),
        sa.Column("y", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("rotation", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["seatingplan.id"], name=op.f("fk_roomelement_plan_id_seatingplan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_roomelement_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_roomelement_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roomelement")),
    )
    op.create_index(op.f("ix_roomelement_plan_id"), "roomelement", ["plan_id"], unique=False)
    op.create_index(op.f("ix_roomelement_tenant_id"), "roomelement", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_roomelement_wedding_id"), "roomelement", ["wedding_id"], unique=False)
    op.create_table(
        "seatingaction",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("label", sa.JSON(), nullable=False),
        sa.Column("undo", sa.JSON(), nullable=False),
        sa.Column("redo", sa.JSON(), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["seatingplan.id"], name=op.f("fk_seatingaction_plan_id_seatingplan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_seatingaction_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_seatingaction_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_seatingaction_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seatingaction")),
        sa.UniqueConstraint("plan_id", "user_id", "seq", name="uq_seatingaction_plan_id_user_id_seq"),
    )
    op.create_index(op.f("ix_seatingaction_plan_id"), "seatingaction", ["plan_id"], unique=False)
    op.create_index(op.f("ix_seatingaction_tenant_id"), "seatingaction", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_seatingaction_user_id"), "seatingaction", ["user_id"], unique=False)
    op.create_index(op.f("ix_seatingaction_wedding_id"), "seatingaction", ["wedding_id"], unique=False)
    op.create_table(
        "seatingpresence",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("color", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("selection", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("x", sa.Float(), nullable=True),
        sa.Column("y", sa.Float(), nullable=True),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["seatingplan.id"], name=op.f("fk_seatingpresence_plan_id_seatingplan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_seatingpresence_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_seatingpresence_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_seatingpresence_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seatingpresence")),
        sa.UniqueConstraint("plan_id", "user_id", name="uq_seatingpresence_plan_id_user_id"),
    )
    op.create_index(op.f("ix_seatingpresence_plan_id"), "seatingpresence", ["plan_id"], unique=False)
    op.create_index(op.f("ix_seatingpresence_tenant_id"), "seatingpresence", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_seatingpresence_user_id"), "seatingpresence", ["user_id"], unique=False)
    op.create_index(op.f("ix_seatingpresence_wedding_id"), "seatingpresence", ["wedding_id"], unique=False)
    op.create_table(
        "seatingrule",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("a_guest_id", sa.Uuid(), nullable=True),
        sa.Column("a_household_id", sa.Uuid(), nullable=True),
        sa.Column("b_guest_id", sa.Uuid(), nullable=True),
        sa.Column("b_household_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["a_guest_id"], ["guest.id"], name=op.f("fk_seatingrule_a_guest_id_guest"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["a_household_id"],
            ["household.id"],
            name=op.f("fk_seatingrule_a_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["b_guest_id"], ["guest.id"], name=op.f("fk_seatingrule_b_guest_id_guest"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["b_household_id"],
            ["household.id"],
            name=op.f("fk_seatingrule_b_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["seatingplan.id"], name=op.f("fk_seatingrule_plan_id_seatingplan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_seatingrule_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_seatingrule_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seatingrule")),
    )
    op.create_index(op.f("ix_seatingrule_a_guest_id"), "seatingrule", ["a_guest_id"], unique=False)
    op.create_index(op.f("ix_seatingrule_a_household_id"), "seatingrule", ["a_household_id"], unique=False)
    op.create_index(op.f("ix_seatingrule_b_guest_id"), "seatingrule", ["b_guest_id"], unique=False)
    op.create_index(op.f("ix_seatingrule_b_household_id"), "seatingrule", ["b_household_id"], unique=False)
    op.create_index(op.f("ix_seatingrule_plan_id"), "seatingrule", ["plan_id"], unique=False)
    op.create_index(op.f("ix_seatingrule_tenant_id"), "seatingrule", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_seatingrule_wedding_id"), "seatingrule", ["wedding_id"], unique=False)
    op.create_table(
        "seatingtable",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("shape", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("x", sa.Integer(), nullable=False),
        sa.Column("y", sa.Integer(), nullable=False),
        sa.Column("rotation", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["seatingplan.id"], name=op.f("fk_seatingtable_plan_id_seatingplan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_seatingtable_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_seatingtable_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seatingtable")),
    )
    op.create_index(op.f("ix_seatingtable_plan_id"), "seatingtable", ["plan_id"], unique=False)
    op.create_index(op.f("ix_seatingtable_tenant_id"), "seatingtable", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_seatingtable_wedding_id"), "seatingtable", ["wedding_id"], unique=False)
    op.create_table(
        "seatassignment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("wedding_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("guest_id", sa.Uuid(), nullable=False),
        sa.Column("table_id", sa.Uuid(), nullable=False),
        sa.Column("seat", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["guest.id"], name=op.f("fk_seatassignment_guest_id_guest"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["seatingplan.id"], name=op.f("fk_seatassignment_plan_id_seatingplan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["table_id"], ["seatingtable.id"], name=op.f("fk_seatassignment_table_id_seatingtable"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenant.id"], name=op.f("fk_seatassignment_tenant_id_tenant"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["wedding_id"], ["wedding.id"], name=op.f("fk_seatassignment_wedding_id_wedding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seatassignment")),
        sa.UniqueConstraint("plan_id", "guest_id", name="uq_seatassignment_plan_id_guest_id"),
        sa.UniqueConstraint("table_id", "seat", name="uq_seatassignment_table_id_seat"),
    )
    op.create_index(op.f("ix_seatassignment_guest_id"), "seatassignment", ["guest_id"], unique=False)
    op.create_index(op.f("ix_seatassignment_plan_id"), "seatassignment", ["plan_id"], unique=False)
    op.create_index(op.f("ix_seatassignment_table_id"), "seatassignment", ["table_id"], unique=False)
    op.create_index(op.f("ix_seatassignment_tenant_id"), "seatassignment", ["tenant_id"], unique=False)
    op.create_index(op.f("ix_seatassignment_wedding_id"), "seatassignment", ["wedding_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_seatassignment_wedding_id"), table_name="seatassignment")
    op.drop_index(op.f("ix_seatassignment_tenant_id"), table_name="seatassignment")
    op.drop_index(op.f("ix_seatassignment_table_id"), table_name="seatassignment")
    op.drop_index(op.f("ix_seatassignment_plan_id"), table_name="seatassignment")
    op.drop_index(op.f("ix_seatassignment_guest_id"), table_name="seatassignment")
    op.drop_table("seatassignment")
    op.drop_index(op.f("ix_seatingtable_wedding_id"), table_name="seatingtable")
    op.drop_index(op.f("ix_seatingtable_tenant_id"), table_name="seatingtable")
    op.drop_index(op.f("ix_seatingtable_plan_id"), table_name="seatingtable")
    op.drop_table("seatingtable")
    op.drop_index(op.f("ix_seatingrule_wedding_id"), table_name="seatingrule")
    op.drop_index(op.f("ix_seatingrule_tenant_id"), table_name="seatingrule")
    op.drop_index(op.f("ix_seatingrule_plan_id"), table_name="seatingrule")
    op.drop_index(op.f("ix_seatingrule_b_household_id"), table_name="seatingrule")
    op.drop_index(op.f("ix_seatingrule_b_guest_id"), table_name="seatingrule")
    op.drop_index(op.f("ix_seatingrule_a_household_id"), table_name="seatingrule")
    op.drop_index(op.f("ix_seatingrule_a_guest_id"), table_name="seatingrule")
    op.drop_table("seatingrule")
    op.drop_index(op.f("ix_seatingpresence_wedding_id"), table_name="seatingpresence")
    op.drop_index(op.f("ix_seatingpresence_user_id"), table_name="seatingpresence")
    op.drop_index(op.f("ix_seatingpresence_tenant_id"), table_name="seatingpresence")
    op.drop_index(op.f("ix_seatingpresence_plan_id"), table_name="seatingpresence")
    op.drop_table("seatingpresence")
    op.drop_index(op.f("ix_seatingaction_wedding_id"), table_name="seatingaction")
    op.drop_index(op.f("ix_seatingaction_user_id"), table_name="seatingaction")
    op.drop_index(op.f("ix_seatingaction_tenant_id"), table_name="seatingaction")
    op.drop_index(op.f("ix_seatingaction_plan_id"), table_name="seatingaction")
    op.drop_table("seatingaction")
    op.drop_index(op.f("ix_roomelement_wedding_id"), table_name="roomelement")
    op.drop_index(op.f("ix_roomelement_tenant_id"), table_name="roomelement")
    op.drop_index(op.f("ix_roomelement_plan_id"), table_name="roomelement")
    op.drop_table("roomelement")
    op.drop_index(op.f("ix_optimizationrun_wedding_id"), table_name="optimizationrun")
    op.drop_index(op.f("ix_optimizationrun_tenant_id"), table_name="optimizationrun")
    op.drop_index(op.f("ix_optimizationrun_plan_id"), table_name="optimizationrun")
    op.drop_table("optimizationrun")
    op.drop_index(op.f("ix_seatingplan_wedding_id"), table_name="seatingplan")
    op.drop_index(op.f("ix_seatingplan_tenant_id"), table_name="seatingplan")
    op.drop_index(op.f("ix_seatingplan_event_id"), table_name="seatingplan")
    op.drop_table("seatingplan")
