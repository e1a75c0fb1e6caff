import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122201621 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_preferred_customer" drop constraint if exists "mlm_preferred_customer_customer_id_unique";`);
    this.addSql(`create table if not exists "mlm_preferred_customer" ("id" text not null, "customer_id" text not null, "sponsor_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_preferred_customer_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_preferred_customer_deleted_at" ON "mlm_preferred_customer" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_preferred_customer_customer_id_unique" ON "mlm_preferred_customer" ("customer_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mlm_preferred_customer" cascade;`);
  }

}
