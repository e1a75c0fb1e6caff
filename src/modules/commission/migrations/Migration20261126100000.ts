import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_commission_line" alter column "hold_until" type timestamptz using ("hold_until"::timestamptz);`);
    this.addSql(`alter table if exists "mlm_commission_line" alter column "hold_until" drop not null;`);

    this.addSql(`alter table if exists "mlm_commission_plan" add column if not exists "min_payout" jsonb null;`);

    this.addSql(`alter table if exists "mlm_payout" add column if not exists "status" text check ("status" in ('pending', 'sent', 'paid', 'failed')) not null default 'pending', add column if not exists "provider_id" text not null default 'manual', add column if not exists "run_id" text null, add column if not exists "idempotency_key" text null, add column if not exists "retry_of" text null, add column if not exists "reference" text null, add column if not exists "message" text null, add column if not exists "line_ids" jsonb null, add column if not exists "details" jsonb null, add column if not exists "sent_at" timestamptz null, add column if not exists "paid_at" timestamptz null, add column if not exists "failed_at" timestamptz null;`);
    // Hand-written: payouts made before providers existed were recorded as done (their lines marked
    // paid), so they are `paid` through the manual provider, their own idempotency key, their lines listed.
    this.addSql(`update "mlm_payout" p set "status" = 'paid', "paid_at" = p."created_at", "idempotency_key" = p."id",
      "line_ids" = coalesce((select jsonb_agg(l."id" order by l."id") from "mlm_commission_line" l where l."payout_id" = p."id"), '[]'::jsonb)
      where p."idempotency_key" is null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_payout_status_provider_id" ON "mlm_payout" ("status", "provider_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mlm_commission_line" alter column "hold_until" type timestamptz using ("hold_until"::timestamptz);`);
    this.addSql(`alter table if exists "mlm_commission_line" alter column "hold_until" set not null;`);

    this.addSql(`alter table if exists "mlm_commission_plan" drop column if exists "min_payout";`);

    this.addSql(`drop index if exists "IDX_mlm_payout_status_provider_id";`);
    this.addSql(`alter table if exists "mlm_payout" drop column if exists "status", drop column if exists "provider_id", drop column if exists "run_id", drop column if exists "idempotency_key", drop column if exists "retry_of", drop column if exists "reference", drop column if exists "message", drop column if exists "line_ids", drop column if exists "details", drop column if exists "sent_at", drop column if exists "paid_at", drop column if exists "failed_at";`);
  }

}
