import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122193810 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_order_attribution" drop constraint if exists "mlm_order_attribution_order_id_unique";`);
    this.addSql(`alter table if exists "mlm_customer_binding" drop constraint if exists "mlm_customer_binding_customer_id_unique";`);
    this.addSql(`alter table if exists "mlm_cart_referral" drop constraint if exists "mlm_cart_referral_cart_id_unique";`);
    this.addSql(`create table if not exists "mlm_cart_referral" ("id" text not null, "cart_id" text not null, "distributor_id" text not null, "handle" text not null, "source" text check ("source" in ('link', 'admin')) not null default 'link', "touches" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_cart_referral_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_cart_referral_deleted_at" ON "mlm_cart_referral" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_cart_referral_cart_id_unique" ON "mlm_cart_referral" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_cart_referral_distributor_id" ON "mlm_cart_referral" ("distributor_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mlm_customer_binding" ("id" text not null, "customer_id" text not null, "distributor_id" text not null, "source" text check ("source" in ('order', 'enrollment', 'admin')) not null, "order_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_customer_binding_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_customer_binding_deleted_at" ON "mlm_customer_binding" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_customer_binding_customer_id_unique" ON "mlm_customer_binding" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_customer_binding_distributor_id" ON "mlm_customer_binding" ("distributor_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mlm_order_attribution" ("id" text not null, "order_id" text not null, "cart_id" text null, "customer_id" text null, "distributor_id" text not null, "source" text check ("source" in ('link', 'lifetime', 'enrollment', 'self', 'admin')) not null, "referral_handle" text null, "corrected_by" text null, "corrected_at" timestamptz null, "history" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mlm_order_attribution_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_order_attribution_deleted_at" ON "mlm_order_attribution" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mlm_order_attribution_order_id_unique" ON "mlm_order_attribution" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_order_attribution_distributor_id" ON "mlm_order_attribution" ("distributor_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mlm_cart_referral" cascade;`);

    this.addSql(`drop table if exists "mlm_customer_binding" cascade;`);

    this.addSql(`drop table if exists "mlm_order_attribution" cascade;`);
  }

}
