import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_commission_run" add column if not exists "placed_at" timestamptz null;`);
    // Hand-written: snapshots made before this column learn their order's time. In a Medusa app the
    // order table is in the same database (read once here, never by the module); without it (the
    // module alone, as in the benchmarks), or for an order that is gone, the first settlement's time
    // stands in: settlement runs at checkout, so it is the placing time but for orders reconciled later.
    this.addSql(`do $$ begin
      if to_regclass('public."order"') is not null then
        update "mlm_commission_run" r set "placed_at" = o."created_at" from "order" o where o."id" = r."order_id" and r."placed_at" is null;
      end if;
    end $$;`);
    this.addSql(`update "mlm_commission_run" set "placed_at" = "created_at" where "placed_at" is null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_commission_run_currency_code_placed_at" ON "mlm_commission_run" ("currency_code", "placed_at") WHERE deleted_at IS NULL AND superseded_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_mlm_commission_run_currency_code_placed_at";`);
    this.addSql(`alter table if exists "mlm_commission_run" drop column if exists "placed_at";`);
  }

}
