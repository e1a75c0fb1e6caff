import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Hand-written (no DML model has functions): a downline page in one round trip. mlm_downline(root
 * id, cursor handle, depth limit, limit, offset) does in one PL/pgSQL call what the module did in two
 * or three statements with Migration20261207100000's functions (where the page starts, the page, and
 * the count of a team cut off by the depth limit), with the page window between them computed in
 * TypeScript. Every statement was one more round trip, and on a busy machine one more chance to wait
 * for the scheduler: the p99 of a page was several times its p50. The window is now computed here:
 * - the levels: from the level below the root (or the cursor's level) to the depth limit below the
 *   root, never below the deepest level of the whole network;
 * - the paths: after the cursor on its own level (after the root's path on every other), before the
 *   end of the root's subtree (its path with the last byte, "/", raised to "0");
 * - a cursor that is the root itself, or not in its team, is refused;
 * - the count is the root's maintained counter, unless someone is below the depth limit: then the
 *   kept levels are counted from the index, level by level.
 * The page itself is mlm_downline_page's query, unchanged. Answer:
 * - no row: no such root;
 * - one row with cursor_in_team false: the cursor is refused;
 * - else every row carries team_count; the page's members in (level, path) order, or one row whose
 *   member columns are null when the page is empty.
 * The three earlier functions are kept: during a rolling deploy, servers and workers still running
 * the previous version call them until they are replaced (a later migration may drop them). A later
 * change is a new migration with CREATE OR REPLACE FUNCTION: this one stays as it ran.
 */
export class Migration20261207120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE OR REPLACE FUNCTION mlm_downline(text, text, integer, integer, integer)
RETURNS TABLE (cursor_in_team boolean, team_count bigint, id text, handle text, display_name text, status text,
               sponsor_id text, sponsor_handle text, level integer, enrolled_at timestamptz, downline_count integer)
LANGUAGE plpgsql STABLE AS $body$
#variable_conflict use_column
DECLARE
  root_depth integer; root_path text; team bigint; deepest integer;
  cursor_depth integer; cursor_path text;
  first_depth integer; last_depth integer; first_lower text; upper_path text; need integer := $4 + $5;
BEGIN
  SELECT r.depth, r.path, r.downline_count INTO root_depth, root_path, team
    FROM mlm_distributor r WHERE r.id = $1 AND r.deleted_at IS NULL;
  IF NOT FOUND THEN RETURN; END IF;
  SELECT coalesce(max(d.depth), 0) INTO deepest FROM mlm_distributor d WHERE d.deleted_at IS NULL;
  upper_path := left(root_path, -1) || chr(ascii(right(root_path, 1)) + 1);
  first_depth := root_depth + 1;
  first_lower := root_path;
  IF $2 IS NOT NULL THEN
    SELECT c.depth, c.path INTO cursor_depth, cursor_path
      FROM mlm_distributor c WHERE c.handle = $2 AND c.deleted_at IS NULL;
    IF NOT FOUND OR cursor_path = root_path OR left(cursor_path, length(root_path)) <> root_path THEN
      RETURN QUERY SELECT false, NULL::bigint, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text,
                          NULL::text, NULL::integer, NULL::timestamptz, NULL::integer;
      RETURN;
    END IF;
    first_depth := cursor_depth;
    first_lower := cursor_path;
  END IF;
  last_depth := CASE WHEN $3 IS NULL THEN deepest ELSE least(root_depth + $3, deepest) END;

  IF last_depth < deepest AND EXISTS (
       SELECT 1 FROM mlm_distributor b
        WHERE b.depth = last_depth + 1 AND b.path ~>~ root_path AND b.path ~<~ upper_path AND b.deleted_at IS NULL) THEN
    SELECT coalesce(sum(c.n), 0) INTO team FROM generate_series(root_depth + 1, last_depth) AS g(d)
      CROSS JOIN LATERAL (SELECT count(*) AS n FROM mlm_distributor k
                           WHERE k.depth = g.d AND k.path ~>~ root_path AND k.path ~<~ upper_path AND k.deleted_at IS NULL) c;
  END IF;

  IF first_depth <= last_depth THEN
    RETURN QUERY
    WITH RECURSIVE levels(d, got) AS (
        SELECT first_depth, 0
        UNION ALL
        SELECT l.d + 1, l.got + (
                 SELECT count(*)::int FROM (
                   SELECT 1 FROM mlm_distributor x
                    WHERE x.depth = l.d AND x.deleted_at IS NULL
                      AND x.path ~>~ (CASE WHEN l.d = first_depth THEN first_lower ELSE root_path END)
                      AND x.path ~<~ upper_path
                    LIMIT need) c)
          FROM levels l WHERE l.d <= last_depth AND l.got < need
      ), page AS (
        SELECT x.depth, x.path FROM levels g
         CROSS JOIN LATERAL (
           SELECT y.depth, y.path FROM mlm_distributor y
            WHERE y.depth = g.d AND y.deleted_at IS NULL
              AND y.path ~>~ (CASE WHEN g.d = first_depth THEN first_lower ELSE root_path END)
              AND y.path ~<~ upper_path
            ORDER BY y.path USING ~<~ LIMIT need) x
         WHERE g.d <= last_depth
         ORDER BY x.depth, x.path USING ~<~ LIMIT $4 OFFSET $5
      )
    SELECT true, team, m.id, m.handle, m.display_name, m.status, m.sponsor_id, s.handle,
           page.depth - root_depth, m.enrolled_at, m.downline_count
      FROM page
      JOIN mlm_distributor m ON m.id = split_part(page.path, '/', page.depth + 1)
      JOIN mlm_distributor s ON s.id = m.sponsor_id
     ORDER BY page.depth, page.path USING ~<~;
    IF FOUND THEN RETURN; END IF;
  END IF;
  RETURN QUERY SELECT true, team, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text,
                      NULL::text, NULL::integer, NULL::timestamptz, NULL::integer;
END $body$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS mlm_downline(text, text, integer, integer, integer);`);
  }

}
