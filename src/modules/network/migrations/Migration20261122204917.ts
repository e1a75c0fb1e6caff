import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122204917 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_distributor" add column if not exists "downline_count" integer not null default 0;`);
    // Hand-written backfill: count each distributor's existing downline once (a path range scan each).
    this.addSql(`update "mlm_distributor" d set "downline_count" = (select count(*) from "mlm_distributor" m where m."path" ~>=~ d."path" and m."path" ~<~ (left(d."path", -1) || '0') and m."deleted_at" is null) - 1 where d."deleted_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mlm_distributor" drop column if exists "downline_count";`);
  }

}
