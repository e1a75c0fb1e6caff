import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124031747 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_commission_line" drop constraint if exists "mlm_commission_line_kind_check";`);

    this.addSql(`alter table if exists "mlm_commission_line" add column if not exists "earning" text check ("earning" in ('commission', 'retail_profit')) not null default 'commission';`);
    this.addSql(`alter table if exists "mlm_commission_line" add constraint "mlm_commission_line_kind_check" check("kind" in ('commission', 'clawback', 'retail_profit', 'adjustment'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_commission_line_order_id_distributor_id" ON "mlm_commission_line" ("order_id", "distributor_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "mlm_commission_run" add column if not exists "levels" jsonb null, add column if not exists "compression" boolean not null default true, add column if not exists "retail_profit" boolean not null default false, add column if not exists "hold_days" integer not null default 0, add column if not exists "chain" jsonb null, add column if not exists "member_prices" jsonb null, add column if not exists "original_basis" numeric null, add column if not exists "settle_count" integer not null default 0, add column if not exists "settled_at" timestamptz null, add column if not exists "raw_original_basis" jsonb null;`);

    // Hand-written: backfill for ledgers written by version 0.1 (see README, "Settlement").
    // Retail profit lines, and the clawbacks that reverse them, belong to the retail profit earning.
    this.addSql(`update "mlm_commission_line" set "earning" = 'retail_profit' where "kind" = 'retail_profit';`);
    this.addSql(`update "mlm_commission_line" c set "earning" = 'retail_profit' from "mlm_commission_line" o
      where c."reverses_line_id" = o."id" and o."kind" = 'retail_profit';`);
    // Each current run freezes the rates of the plan version that computed it, and its original basis.
    this.addSql(`update "mlm_commission_run" r set "levels" = p."levels", "compression" = p."compression",
        "retail_profit" = p."retail_profit", "hold_days" = p."hold_days"
      from "mlm_commission_plan" p where p."id" = r."plan_id";`);
    this.addSql(`update "mlm_commission_run" set "levels" = '[]'::jsonb where "levels" is null;`);
    this.addSql(`update "mlm_commission_run" set "original_basis" = "basis", "raw_original_basis" = "raw_basis", "settled_at" = "created_at";`);
    // ... and its beneficiaries: the distributors its lines paid, level by level; a level nobody was
    // paid becomes an inactive placeholder, so compression and unpaid levels come out as they did.
    this.addSql(`update "mlm_commission_run" r set "chain" = coalesce((
        select jsonb_agg(coalesce(
                 (select jsonb_build_object('id', l."distributor_id", 'handle', l."distributor_handle", 'status', 'active')
                    from "mlm_commission_line" l
                   where l."run_id" = r."id" and l."level" = lv and l."kind" in ('commission', 'retail_profit')
                     and l."deleted_at" is null limit 1),
                 jsonb_build_object('id', '', 'handle', '', 'status', 'inactive')) order by lv)
          from generate_series(1, (select max(l2."level") from "mlm_commission_line" l2
                                    where l2."run_id" = r."id" and l2."kind" in ('commission', 'retail_profit'))) lv
      ), '[]'::jsonb)
      where r."chain" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mlm_commission_line" drop constraint if exists "mlm_commission_line_kind_check";`);

    this.addSql(`drop index if exists "IDX_mlm_commission_line_order_id_distributor_id";`);
    this.addSql(`alter table if exists "mlm_commission_line" drop column if exists "earning";`);

    this.addSql(`alter table if exists "mlm_commission_line" add constraint "mlm_commission_line_kind_check" check("kind" in ('commission', 'clawback', 'retail_profit'));`);

    this.addSql(`alter table if exists "mlm_commission_run" drop column if exists "levels", drop column if exists "compression", drop column if exists "retail_profit", drop column if exists "hold_days", drop column if exists "chain", drop column if exists "member_prices", drop column if exists "original_basis", drop column if exists "settle_count", drop column if exists "settled_at", drop column if exists "raw_original_basis";`);
  }

}
