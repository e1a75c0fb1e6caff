import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Hand-written (DML cannot declare an expression index, an operator class or an extension): the
 * admin distributor list on a million rows.
 * - (enrolled_at, id), covering handle, display_name and status, serves the list's order, so a page is an
 *   index range scan, not a sort; a search that matches many walks it index-only, filtering as it goes.
 * - A trigram index over "handle display_name" serves a search that matches few (`LIKE '%q%'`). pg_trgm is a
 *   trusted extension (PostgreSQL 13+), so the database owner may create it; where a managed
 *   database refuses, the search still works, by a scan, and the migration does not fail.
 */
export class Migration20261124150000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mlm_distributor_enrolled_at_id" ON "mlm_distributor" ("enrolled_at", "id") INCLUDE ("handle", "display_name", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX IF NOT EXISTS "IDX_mlm_distributor_search_trgm" ON "mlm_distributor"
    USING gin ((lower("handle" || ' ' || "display_name")) gin_trgm_ops) WHERE deleted_at IS NULL;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
  RAISE NOTICE 'pg_trgm is not available: the admin distributor search runs without an index';
END $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_mlm_distributor_search_trgm";`);
    this.addSql(`DROP INDEX IF EXISTS "IDX_mlm_distributor_enrolled_at_id";`);
  }

}
