import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125100001 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_product_volume" drop constraint if exists "mlm_product_volume_product_id_unique";`);
    this.addSql(`create table if not exists "mlm_product_volume" ("id" text not null, "product_id" text not null, "pv_per_unit" numeric not null, "commissionable" boolean not null default true, "raw_pv_per_unit" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_product_volume_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_product_volume_deleted_at" ON "mlm_product_volume" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_product_volume_product_id_unique" ON "mlm_product_volume" ("product_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "mlm_commission_plan" add column if not exists "activity" jsonb null, add column if not exists "ranks" jsonb null;`);

    this.addSql(`alter table if exists "mlm_commission_run" add column if not exists "volume" jsonb null, add column if not exists "rules" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mlm_product_volume" cascade;`);

    this.addSql(`alter table if exists "mlm_commission_plan" drop column if exists "activity", drop column if exists "ranks";`);

    this.addSql(`alter table if exists "mlm_commission_run" drop column if exists "volume", drop column if exists "rules";`);
  }

}
