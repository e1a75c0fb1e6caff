import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Hand-written (no DML model has functions): the downline page's three reads as PL/pgSQL functions.
 * PostgreSQL keeps a PL/pgSQL function's query plans for the connection's lifetime, so a page no
 * longer plans its recursive query on every request (planning was 0.7-2 ms of a 2-3 ms page on the
 * million-member bench network). The queries are those the module ran inline before, but for one
 * thing: a page member's id, the last segment of its path, is split_part(path, '/', depth + 1)
 * instead of a regular expression. The expression was matched from every position of the path, so
 * it cost more the deeper the member: 2.3 of the 3.0 ms a mid-tree leader's page took to execute.
 * - mlm_downline_start(cursor handle, root id): the root's depth, path and maintained count, the
 *   network's deepest level and the cursor member (no row for an unknown root);
 * - mlm_downline_page(root depth, first depth, last depth, first depth's lower path, lower path,
 *   upper path, need, limit, offset): one page in (level, path) order, walking only the levels it needs;
 * - mlm_cut_team_count(level below, lower, upper, first kept level, last kept level, lower, upper):
 *   NULL when nobody is below the depth limit, else the kept levels' members counted level by level.
 * queries.ts documents each one where the module calls it. A later change to one is a new
 * migration with CREATE OR REPLACE FUNCTION: this one stays as it ran.
 */
export class Migration20261207100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE OR REPLACE FUNCTION mlm_downline_start(text, text)
RETURNS TABLE (depth integer, path text, downline_count integer, deepest integer, cursor_depth integer, cursor_path text)
LANGUAGE plpgsql STABLE AS $body$
BEGIN
  RETURN QUERY
  SELECT r.depth, r.path, r.downline_count,
         (SELECT coalesce(max(d.depth), 0) FROM mlm_distributor d WHERE d.deleted_at IS NULL),
         c.depth, c.path
    FROM mlm_distributor r
    LEFT JOIN mlm_distributor c ON c.handle = $1 AND c.deleted_at IS NULL
   WHERE r.id = $2 AND r.deleted_at IS NULL;
END $body$;`);
    this.addSql(`CREATE OR REPLACE FUNCTION mlm_downline_page(integer, integer, integer, text, text, text, integer, integer, integer)
RETURNS TABLE (id text, handle text, display_name text, status text, sponsor_id text, sponsor_handle text,
               level integer, enrolled_at timestamptz, downline_count integer, depth integer, path text)
LANGUAGE plpgsql STABLE AS $body$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH RECURSIVE params AS (
      SELECT $1 AS root_depth, $2 AS first_depth, $3 AS last_depth, $4 AS first_lower,
             $5 AS lower_path, $6 AS upper_path, $7 AS need
    ), levels(d, got) AS (
      SELECT first_depth, 0 FROM params
      UNION ALL
      SELECT l.d + 1, l.got + (
               SELECT count(*)::int FROM (
                 SELECT 1 FROM mlm_distributor x
                  WHERE x.depth = l.d AND x.deleted_at IS NULL
                    AND x.path ~>~ (CASE WHEN l.d = p.first_depth THEN p.first_lower ELSE p.lower_path END)
                    AND x.path ~<~ p.upper_path
                  LIMIT p.need) c)
        FROM levels l, params p WHERE l.d <= p.last_depth AND l.got < p.need
    ), page AS (
      SELECT x.depth, x.path FROM levels g, params p
       CROSS JOIN LATERAL (
         SELECT y.depth, y.path FROM mlm_distributor y
          WHERE y.depth = g.d AND y.deleted_at IS NULL
            AND y.path ~>~ (CASE WHEN g.d = p.first_depth THEN p.first_lower ELSE p.lower_path END)
            AND y.path ~<~ p.upper_path
          ORDER BY y.path USING ~<~ LIMIT p.need) x
       WHERE g.d <= p.last_depth
       ORDER BY x.depth, x.path USING ~<~ LIMIT $8 OFFSET $9
    )
  SELECT m.id, m.handle, m.display_name, m.status, m.sponsor_id, s.handle,
         page.depth - (SELECT root_depth FROM params), m.enrolled_at, m.downline_count, page.depth, page.path
    FROM page
    JOIN mlm_distributor m ON m.id = split_part(page.path, '/', page.depth + 1)
    JOIN mlm_distributor s ON s.id = m.sponsor_id
   ORDER BY page.depth, page.path USING ~<~;
END $body$;`);
    this.addSql(`CREATE OR REPLACE FUNCTION mlm_cut_team_count(integer, text, text, integer, integer, text, text)
RETURNS TABLE (total numeric)
LANGUAGE plpgsql STABLE AS $body$
BEGIN
  RETURN QUERY
  SELECT CASE WHEN EXISTS (SELECT 1 FROM mlm_distributor b WHERE b.depth = $1 AND b.path ~>~ $2 AND b.path ~<~ $3 AND b.deleted_at IS NULL)
    THEN (SELECT coalesce(sum(c.n), 0) FROM generate_series($4, $5) AS g(d)
           CROSS JOIN LATERAL (SELECT count(*) AS n FROM mlm_distributor k
                                WHERE k.depth = g.d AND k.path ~>~ $6 AND k.path ~<~ $7 AND k.deleted_at IS NULL) c)
  END;
END $body$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS mlm_cut_team_count(integer, text, text, integer, integer, text, text);`);
    this.addSql(`DROP FUNCTION IF EXISTS mlm_downline_page(integer, integer, integer, text, text, text, integer, integer, integer);`);
    this.addSql(`DROP FUNCTION IF EXISTS mlm_downline_start(text, text);`);
  }

}
