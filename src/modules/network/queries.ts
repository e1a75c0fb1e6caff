/**
 * The genealogy questions as SQL, shared by NetworkModuleService and `npm run bench`, so the bench
 * measures exactly what the plugin runs. Placeholders are knex-style `?`.
 */

/** Upline of one distributor, nearest first: its stored ancestor ids joined on the primary key. */
export const UPLINE_SQL = `
  SELECT a.id, a.handle, a.display_name, a.status, a.depth, d.depth - a.depth AS level
    FROM mlm_distributor d
    JOIN mlm_distributor a ON a.id = ANY (string_to_array(rtrim(d.path, '/'), '/')) AND a.id <> d.id
   WHERE d.id = ? AND d.deleted_at IS NULL AND a.deleted_at IS NULL
   ORDER BY a.depth DESC`

/**
 * Frontline and downline counts for a set of distributors: the downline count is maintained on the
 * row by every write, the frontline is an index-only count over sponsor_id.
 */
export const TEAM_COUNTS_SQL = `
  SELECT d.id,
         (SELECT count(*) FROM mlm_distributor f WHERE f.sponsor_id = d.id AND f.deleted_at IS NULL) AS frontline_count,
         d.downline_count
    FROM mlm_distributor d
   WHERE d.id IN (?) AND d.deleted_at IS NULL`

/**
 * The downline counted from the paths: an index-only range scan over path (text_pattern_ops),
 * [path, path with its final "/" replaced by "0"), which includes the distributor itself (- 1).
 * Used to audit the maintained counts, and by the bench as the uncached way.
 */
export const COUNTED_DOWNLINE_SQL = `
  SELECT d.id,
         (SELECT count(*) FROM mlm_distributor m
           WHERE m.path ~>=~ d.path AND m.path ~<~ (left(d.path, -1) || '0')
             AND m.deleted_at IS NULL) - 1 AS downline_count
    FROM mlm_distributor d
   WHERE d.id IN (?) AND d.deleted_at IS NULL`

/**
 * Adds `delta` to the maintained downline count of the given ancestors. Rows are locked in id order
 * first, so concurrent enrolments under overlapping uplines cannot deadlock.
 */
export const LOCK_ANCESTORS_SQL = `SELECT id FROM mlm_distributor WHERE id IN (?) ORDER BY id FOR UPDATE`
export const ADJUST_DOWNLINE_COUNTS_SQL = `
  UPDATE mlm_distributor SET downline_count = downline_count + ?, updated_at = now() WHERE id IN (?)`

/** A page of a downline within a depth limit, with the total in the same query. */
export const DOWNLINE_PAGE_SQL = `
  SELECT m.id, m.handle, m.display_name, m.status, m.sponsor_id, s.handle AS sponsor_handle,
         m.depth - ? AS level, m.enrolled_at, count(*) OVER () AS total
    FROM mlm_distributor m
    JOIN mlm_distributor s ON s.id = m.sponsor_id
   WHERE m.path ~>=~ ? AND m.path ~<~ ? AND m.id <> ? AND m.depth - ? <= ?
     AND m.deleted_at IS NULL
   ORDER BY m.depth, m.enrolled_at, m.id
   LIMIT ? OFFSET ?`

/** The frontline (level 1) page straight from the sponsor index: no subtree scan, however big the team. */
export const FRONTLINE_PAGE_SQL = `
  SELECT m.id, m.handle, m.display_name, m.status, m.sponsor_id, s.handle AS sponsor_handle,
         1 AS level, m.enrolled_at, count(*) OVER () AS total
    FROM mlm_distributor m
    JOIN mlm_distributor s ON s.id = m.sponsor_id
   WHERE m.sponsor_id = ? AND m.deleted_at IS NULL
   ORDER BY m.enrolled_at, m.id
   LIMIT ? OFFSET ?`

export const DOWNLINE_COUNT_SQL = `
  SELECT count(*) AS total FROM mlm_distributor
   WHERE path ~>=~ ? AND path ~<~ ? AND id <> ? AND depth - ? <= ? AND deleted_at IS NULL`

/** Rewrites the paths of a whole subtree in one statement (sponsor change). */
export const MOVE_SUBTREE_SQL = `
  UPDATE mlm_distributor
     SET path = ? || substr(path, ?), depth = depth + ?, updated_at = now(),
         sponsor_id = CASE WHEN id = ? THEN ? ELSE sponsor_id END
   WHERE path ~>=~ ? AND path ~<~ ? AND deleted_at IS NULL
   RETURNING id`

/** Distributors whose stored path or maintained downline count disagrees with the sponsor chain. */
export const PATH_INCONSISTENCIES_SQL = `
  SELECT d.id FROM mlm_distributor d
    LEFT JOIN mlm_distributor s ON s.id = d.sponsor_id AND s.deleted_at IS NULL
   WHERE d.deleted_at IS NULL AND (
         (d.sponsor_id IS NULL AND (d.path <> d.id || '/' OR d.depth <> 0))
      OR (d.sponsor_id IS NOT NULL AND (s.id IS NULL OR d.path <> s.path || d.id || '/' OR d.depth <> s.depth + 1))
      OR d.downline_count <> (SELECT count(*) FROM mlm_distributor m
                               WHERE m.path ~>=~ d.path AND m.path ~<~ (left(d.path, -1) || '0')
                                 AND m.deleted_at IS NULL) - 1)`

/** Converts knex `?` placeholders to pg's `$n` (for the bench, which talks to pg directly). */
export function toPgPlaceholders(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}
