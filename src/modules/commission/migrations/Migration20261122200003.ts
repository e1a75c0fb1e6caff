import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122200003 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_commission_run" drop constraint if exists "mlm_commission_run_order_id_unique";`);
    this.addSql(`alter table if exists "mlm_commission_plan" drop constraint if exists "mlm_commission_plan_version_unique";`);
    this.addSql(`alter table if exists "mlm_commission_line" drop constraint if exists "mlm_commission_line_order_id_level_kind_adjustment_key_unique";`);
    this.addSql(`create table if not exists "mlm_commission_line" ("id" text not null, "order_id" text not null, "run_id" text not null, "distributor_id" text not null, "distributor_handle" text not null, "source_distributor_id" text not null, "level" integer not null, "kind" text check ("kind" in ('commission', 'clawback', 'retail_profit')) not null, "adjustment_key" text not null default '', "reverses_line_id" text null, "basis" numeric not null, "percent" numeric not null, "amount" numeric not null, "currency_code" text not null, "status" text check ("status" in ('pending', 'approved', 'paid', 'reversed')) not null default 'pending', "plan_version" integer null, "explanation" jsonb not null, "hold_until" timestamptz not null, "approved_at" timestamptz null, "paid_at" timestamptz null, "reversed_at" timestamptz null, "payout_id" text null, "raw_basis" jsonb not null, "raw_percent" jsonb not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_commission_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_commission_line_deleted_at" ON "mlm_commission_line" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_commission_line_order_id_level_kind_adjustment_key_unique" ON "mlm_commission_line" ("order_id", "level", "kind", "adjustment_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_commission_line_distributor_id_status" ON "mlm_commission_line" ("distributor_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_commission_line_status_hold_until" ON "mlm_commission_line" ("status", "hold_until") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_commission_line_payout_id" ON "mlm_commission_line" ("payout_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mlm_commission_plan" ("id" text not null, "version" integer not null, "name" text not null, "levels" jsonb not null, "max_payout_percent" numeric not null, "hold_days" integer not null, "compression" boolean not null, "retail_profit" boolean not null default false, "created_by" text null, "raw_max_payout_percent" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_commission_plan_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_commission_plan_deleted_at" ON "mlm_commission_plan" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_commission_plan_version_unique" ON "mlm_commission_plan" ("version") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mlm_commission_run" ("id" text not null, "order_id" text not null, "attributed_distributor_id" text not null, "attribution_source" text not null, "plan_id" text null, "plan_version" integer null, "currency_code" text not null, "basis" numeric not null, "plan_amount" numeric not null, "paid_amount" numeric not null, "breakage" numeric not null, "explanation" jsonb not null, "superseded_at" timestamptz null, "raw_basis" jsonb not null, "raw_plan_amount" jsonb not null, "raw_paid_amount" jsonb not null, "raw_breakage" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_commission_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_commission_run_deleted_at" ON "mlm_commission_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_commission_run_order_id_unique" ON "mlm_commission_run" ("order_id") WHERE deleted_at IS NULL AND superseded_at IS NULL;`);

    this.addSql(`create table if not exists "mlm_payout" ("id" text not null, "distributor_id" text not null, "currency_code" text not null, "amount" numeric not null, "line_count" integer not null, "created_by" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_payout_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_payout_deleted_at" ON "mlm_payout" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_payout_distributor_id" ON "mlm_payout" ("distributor_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mlm_commission_line" cascade;`);

    this.addSql(`drop table if exists "mlm_commission_plan" cascade;`);

    this.addSql(`drop table if exists "mlm_commission_run" cascade;`);

    this.addSql(`drop table if exists "mlm_payout" cascade;`);
  }

}
