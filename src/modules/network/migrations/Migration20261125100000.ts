import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_distributor" add column if not exists "active_until" integer null, add column if not exists "subtree_active_until" integer null, add column if not exists "rank" text null, add column if not exists "highest_rank" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_distributor_sponsor_id_subtree_active_until" ON "mlm_distributor" ("sponsor_id", "subtree_active_until") WHERE deleted_at IS NULL;`);
    // Hand-written (not from a DML model): the volume aggregates are written only by single SQL
    // upserts over a distributor's stored ancestry (queries.ts, APPLY_VOLUME_SQL), never through the
    // ORM, so they are plain numeric columns keyed by (distributor, UTC day number) and
    // (distributor, "YYYY-MM") without the ORM's id, raw_* and timestamp columns.
    this.addSql(`create table if not exists "mlm_volume_day" ("distributor_id" text not null, "day" integer not null, "pv" numeric not null default 0, "gv" numeric not null default 0, constraint "mlm_volume_day_pkey" primary key ("distributor_id", "day"));`);
    this.addSql(`create table if not exists "mlm_volume_month" ("distributor_id" text not null, "month" text not null, "pv" numeric not null default 0, "gv" numeric not null default 0, constraint "mlm_volume_month_pkey" primary key ("distributor_id", "month"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mlm_volume_day";`);
    this.addSql(`drop table if exists "mlm_volume_month";`);
    this.addSql(`drop index if exists "IDX_mlm_distributor_sponsor_id_subtree_active_until";`);
    this.addSql(`alter table if exists "mlm_distributor" drop column if exists "active_until", drop column if exists "subtree_active_until", drop column if exists "rank", drop column if exists "highest_rank";`);
  }

}
