import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124160000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_distributor_site" drop constraint if exists "mlm_distributor_site_distributor_id_unique";`);
    this.addSql(`create table if not exists "mlm_distributor_site" ("id" text not null, "distributor_id" text not null, "bio" text null, "avatar_url" text null, "contact" jsonb null, "featured_product_ids" text[] not null default '{}', "hidden_fields" text[] not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_distributor_site_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_distributor_site_deleted_at" ON "mlm_distributor_site" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_distributor_site_distributor_id_unique" ON "mlm_distributor_site" ("distributor_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mlm_distributor_site" cascade;`);
  }

}
