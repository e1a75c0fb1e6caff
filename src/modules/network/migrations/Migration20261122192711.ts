import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122192711 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_network_setting" drop constraint if exists "mlm_network_setting_key_unique";`);
    this.addSql(`alter table if exists "mlm_distributor" drop constraint if exists "mlm_distributor_customer_id_unique";`);
    this.addSql(`alter table if exists "mlm_distributor" drop constraint if exists "mlm_distributor_handle_unique";`);
    this.addSql(`create table if not exists "mlm_distributor" ("id" text not null, "handle" text not null, "display_name" text not null, "status" text check ("status" in ('active', 'inactive', 'terminated')) not null default 'active', "sponsor_id" text null, "customer_id" text not null, "enrolled_at" timestamptz not null, "path" text not null, "depth" integer not null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_distributor_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_distributor_deleted_at" ON "mlm_distributor" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_distributor_handle_unique" ON "mlm_distributor" ("handle") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_distributor_customer_id_unique" ON "mlm_distributor" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_distributor_sponsor_id" ON "mlm_distributor" ("sponsor_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_distributor_status" ON "mlm_distributor" ("status") WHERE deleted_at IS NULL;`);
    // Hand-written: a downline is one range scan over this index (text_pattern_ops = byte order, any
    // collation); partial on live rows so a team count is an index-only scan.
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_distributor_path" ON "mlm_distributor" ("path" text_pattern_ops) WHERE deleted_at IS NULL;`);
    this.addSql(`alter table if exists "mlm_distributor" add constraint "mlm_distributor_sponsor_fk" foreign key ("sponsor_id") references "mlm_distributor" ("id");`);
    this.addSql(`alter table if exists "mlm_distributor" add constraint "mlm_distributor_not_own_sponsor" check ("sponsor_id" is null or "sponsor_id" <> "id");`);
    this.addSql(`alter table if exists "mlm_distributor" add constraint "mlm_distributor_handle_lowercase" check ("handle" = lower("handle"));`);

    this.addSql(`create table if not exists "mlm_network_setting" ("id" text not null, "key" text not null, "value" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_network_setting_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_network_setting_deleted_at" ON "mlm_network_setting" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_network_setting_key_unique" ON "mlm_network_setting" ("key") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mlm_distributor" cascade;`);

    this.addSql(`drop table if exists "mlm_network_setting" cascade;`);
  }

}
