import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Hand-written (DML cannot declare an operator class): one index that serves every downline page.
 * Within one level a team is a contiguous range of paths, so a page is an index range scan per
 * level in (depth, path) order, never a sort of the whole subtree.
 */
export class Migration20261124130000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_distributor_depth_path" ON "mlm_distributor" ("depth", "path" text_pattern_ops) WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_mlm_distributor_depth_path";`);
  }

}
