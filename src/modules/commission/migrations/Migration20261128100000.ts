import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mlm_commission_run" add column if not exists "order_updated_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "mlm_commission_run" drop column if exists "order_updated_at";`);
  }

}
