import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126100001 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_payout_method" drop constraint if exists "mlm_payout_method_distributor_id_unique";`);
    this.addSql(`create table if not exists "mlm_payout_method" ("id" text not null, "distributor_id" text not null, "provider_id" text not null, "details" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_payout_method_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_payout_method_deleted_at" ON "mlm_payout_method" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_payout_method_distributor_id_unique" ON "mlm_payout_method" ("distributor_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mlm_payout_method" cascade;`);
  }

}
