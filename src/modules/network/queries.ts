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

/** The distributor (level 0) and their upline, nearest first: an order's beneficiaries in one read. */
export const SELF_AND_UPLINE_SQL = `
  SELECT a.id, a.handle, a.display_name, a.status, a.depth, d.depth - a.depth AS level
    FROM mlm_distributor d
    JOIN mlm_distributor a ON a.id = ANY (string_to_array(rtrim(d.path, '/'), '/'))
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

/**
 * One downline page in one statement (mlm_downline, a PL/pgSQL function made by
 * Migration20261207120000, so its plans are kept for the connection's lifetime instead of made on
 * every page). It finds the root, the network's deepest level and the cursor member, then:
 * - it walks the levels from the cursor's down and stops once they hold enough members
 *   (each level is an index-only range scan over (depth, path text_pattern_ops), at most
 *   limit + offset rows), never below the depth limit;
 * - it takes, per level, the first paths after the cursor, in index order, and keeps the page;
 * - only the page's members are read (by id: a path's last segment) and joined to their sponsors;
 * - the count is the root's maintained counter, unless someone is below the depth limit: then the
 *   kept levels are counted from the index, level by level.
 * Members of one level come grouped under their upline (a path is its ancestors' time-ordered ids).
 * Parameters: root id, cursor handle (or NULL), depth limit (or NULL), limit, offset.
 * Answer: no row for an unknown root; one row with cursor_in_team false for a cursor that is the
 * root itself or not in its team; else every row carries team_count, and the member columns are
 * null in the one row of an empty page.
 */
export const DOWNLINE_SQL = `
  SELECT cursor_in_team, team_count, id, handle, display_name, status, sponsor_id, sponsor_handle, level,
         enrolled_at, downline_count
    FROM mlm_downline(?::text, ?::text, ?::int, ?::int, ?::int)`

/** Whether a team has anyone on the given level (one index probe). Parameters: depth, lower and upper path. */
export const ANYONE_ON_LEVEL_SQL = `
  SELECT EXISTS (SELECT 1 FROM mlm_distributor WHERE depth = ? AND path ~>~ ? AND path ~<~ ? AND deleted_at IS NULL) AS found`

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

/**
 * Genealogy writes take one advisory lock key. Enrolments take it shared (they never conflict with
 * each other: a recruit's path is its sponsor's path plus its own id), a sponsor change takes it
 * exclusive, so no enrolment can read a sponsor path that a concurrent move is rewriting and no move
 * can miss a recruit inserted while it runs.
 */
export const GENEALOGY_LOCK_KEY = 7_163_001
export const LOCK_GENEALOGY_SHARED_SQL = `SELECT pg_advisory_xact_lock_shared(${GENEALOGY_LOCK_KEY})`
export const LOCK_GENEALOGY_EXCLUSIVE_SQL = `SELECT pg_advisory_xact_lock(${GENEALOGY_LOCK_KEY})`

export const DISTRIBUTOR_COLUMNS = `id, handle, display_name, status, sponsor_id, customer_id, enrolled_at, path, depth,
  downline_count, active_until, subtree_active_until, rank, highest_rank, metadata, created_at, updated_at`

export const DISTRIBUTOR_SQL = `SELECT ${DISTRIBUTOR_COLUMNS} FROM mlm_distributor WHERE id = ? AND deleted_at IS NULL`

/** A distributor by handle (stored lower-case): every storefront visit and referral asks it. */
export const DISTRIBUTOR_BY_HANDLE_SQL = `SELECT ${DISTRIBUTOR_COLUMNS} FROM mlm_distributor WHERE handle = ? AND deleted_at IS NULL`

/** The node a sponsor change moves, locked. */
export const DISTRIBUTOR_FOR_MOVE_SQL = `
  SELECT id, path, depth, sponsor_id FROM mlm_distributor WHERE id = ? AND deleted_at IS NULL FOR UPDATE`

export const SPONSOR_SQL = `SELECT id, path, depth, status FROM mlm_distributor WHERE id = ? AND deleted_at IS NULL`

export const INSERT_DISTRIBUTOR_SQL = `
  INSERT INTO mlm_distributor (id, handle, display_name, status, sponsor_id, customer_id, enrolled_at,
    path, depth, metadata, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
  RETURNING ${DISTRIBUTOR_COLUMNS}`

/** Removes a leaf distributor (compensation of an enrolment); returns its path to fix the counts. */
export const REMOVE_LEAF_SQL = `
  DELETE FROM mlm_distributor d WHERE d.id = ?
     AND NOT EXISTS (SELECT 1 FROM mlm_distributor c WHERE c.sponsor_id = d.id)
   RETURNING path`

export const UPSERT_SETTING_SQL = `
  INSERT INTO mlm_network_setting (id, key, value, created_at, updated_at) VALUES (?, ?, ?, now(), now())
  ON CONFLICT (key) WHERE deleted_at IS NULL DO UPDATE SET value = EXCLUDED.value, updated_at = now()`

/**
 * Records a storefront visit on a cart in one statement. The cart keeps its first touch and its
 * newest ones, `maxTouches` in all; the referral follows the newest touch (last_touch) or keeps the
 * first (first_touch). Also answers the referral as it was before (`before`, null for a new one), for
 * the workflow's compensation. Parameters: cart_id, id, cart_id, distributor_id, handle, source,
 * touches json, policy x3.
 */
export function upsertCartReferralSql(maxTouches: number): string {
  return `
  WITH before AS (
    SELECT to_jsonb(r) AS referral FROM mlm_cart_referral r WHERE r.cart_id = ? AND r.deleted_at IS NULL
  ), written AS (
  INSERT INTO mlm_cart_referral (id, cart_id, distributor_id, handle, source, touches, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?::jsonb, now(), now())
  ON CONFLICT (cart_id) WHERE deleted_at IS NULL DO UPDATE SET
    touches = (
      SELECT jsonb_agg(t ORDER BY n) FROM jsonb_array_elements(mlm_cart_referral.touches || EXCLUDED.touches)
        WITH ORDINALITY AS all_touches(t, n)
       WHERE n = 1 OR n > jsonb_array_length(mlm_cart_referral.touches || EXCLUDED.touches) - ${maxTouches - 1}),
    distributor_id = CASE WHEN ? = 'first_touch' THEN mlm_cart_referral.distributor_id ELSE EXCLUDED.distributor_id END,
    handle = CASE WHEN ? = 'first_touch' THEN mlm_cart_referral.handle ELSE EXCLUDED.handle END,
    source = CASE WHEN ? = 'first_touch' THEN mlm_cart_referral.source ELSE EXCLUDED.source END,
    updated_at = now()
  RETURNING id, cart_id, distributor_id, handle, source, touches, created_at, updated_at)
  SELECT written.*, (SELECT referral FROM before) AS before FROM written`
}

/** An order's attribution, written once: a second writer finds the unique index taken. */
export const INSERT_ATTRIBUTION_SQL = `
  INSERT INTO mlm_order_attribution (id, order_id, cart_id, customer_id, distributor_id, source, referral_handle, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, now(), now())
  ON CONFLICT (order_id) WHERE deleted_at IS NULL DO NOTHING
  RETURNING *`

export const ATTRIBUTION_SQL = `SELECT * FROM mlm_order_attribution WHERE order_id = ? AND deleted_at IS NULL`

/**
 * What attributing an order reads, in one statement: the cart's referral and the customer's binding,
 * each with its distributor's status (none when that distributor is gone), and the buyer's own
 * distributor record. Parameters: cart id, customer id, customer id (null for none).
 */
export const ATTRIBUTION_FACTS_SQL = `
  SELECT
    (SELECT json_build_object('distributor_id', r.distributor_id, 'handle', r.handle, 'touches', r.touches, 'status', d.status)
       FROM mlm_cart_referral r JOIN mlm_distributor d ON d.id = r.distributor_id AND d.deleted_at IS NULL
      WHERE r.cart_id = ? AND r.deleted_at IS NULL LIMIT 1) AS referral,
    (SELECT json_build_object('distributor_id', b.distributor_id, 'source', b.source, 'status', d.status)
       FROM mlm_customer_binding b JOIN mlm_distributor d ON d.id = b.distributor_id AND d.deleted_at IS NULL
      WHERE b.customer_id = ? AND b.deleted_at IS NULL LIMIT 1) AS binding,
    (SELECT json_build_object('id', d.id, 'status', d.status)
       FROM mlm_distributor d WHERE d.customer_id = ? AND d.deleted_at IS NULL LIMIT 1) AS buyer`

/**
 * Of a batch of orders, which have something to credit them by (reconciliation's pre-check): an
 * attribution, a referral on their cart, a binding of their customer or a customer who is a
 * distributor. Keyed by kind; an empty list is passed as [null] (IN (NULL) matches nothing).
 */
export const ATTRIBUTION_LEADS_SQL = `
  SELECT 'order' AS kind, order_id AS id FROM mlm_order_attribution WHERE order_id IN (?) AND deleted_at IS NULL
  UNION ALL SELECT 'cart', cart_id FROM mlm_cart_referral WHERE cart_id IN (?) AND deleted_at IS NULL
  UNION ALL SELECT 'customer', customer_id FROM mlm_customer_binding WHERE customer_id IN (?) AND deleted_at IS NULL
  UNION ALL SELECT 'customer', customer_id FROM mlm_distributor WHERE customer_id IN (?) AND deleted_at IS NULL`
export const ATTRIBUTION_FOR_UPDATE_SQL = `${ATTRIBUTION_SQL} FOR UPDATE`

/** An admin's correction: the attribution moves, the old state is appended to its history. */
export const CORRECT_ATTRIBUTION_SQL = `
  INSERT INTO mlm_order_attribution (id, order_id, distributor_id, source, corrected_by, corrected_at, history, created_at, updated_at)
  VALUES (?, ?, ?, 'admin', ?, now(), ?::jsonb, now(), now())
  ON CONFLICT (order_id) WHERE deleted_at IS NULL DO UPDATE SET
    distributor_id = EXCLUDED.distributor_id, source = 'admin', corrected_by = EXCLUDED.corrected_by,
    corrected_at = now(), updated_at = now(),
    history = coalesce(mlm_order_attribution.history, '[]'::jsonb) || EXCLUDED.history
  RETURNING *`

export const DELETE_ATTRIBUTION_SQL = `DELETE FROM mlm_order_attribution WHERE order_id = ?`
export const RESTORE_ATTRIBUTION_SQL = `
  UPDATE mlm_order_attribution SET distributor_id = ?, source = ?, corrected_by = ?, corrected_at = ?,
         history = ?::jsonb, updated_at = now()
   WHERE order_id = ? AND deleted_at IS NULL`

/** A customer's lifetime binding, made once: the first binding wins. */
export const INSERT_BINDING_SQL = `
  INSERT INTO mlm_customer_binding (id, customer_id, distributor_id, source, order_id, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, now(), now())
  ON CONFLICT (customer_id) WHERE deleted_at IS NULL DO NOTHING
  RETURNING id`

/**
 * A named lease shared by every process on the database (the member price-list rebuild is one):
 * taken when free, expired, or already this owner's; the holder's token and expiry are the value.
 * A crashed holder's lease lapses at its expiry. Parameters: id, key, owner, ttl seconds.
 */
export const ACQUIRE_LEASE_SQL = `
  INSERT INTO mlm_network_setting (id, key, value, created_at, updated_at)
  VALUES (?, ?, jsonb_build_object('owner', ?::text, 'expires_at', now() + make_interval(secs => ?))::text, now(), now())
  ON CONFLICT (key) WHERE deleted_at IS NULL DO UPDATE SET value = EXCLUDED.value, updated_at = now()
   WHERE (mlm_network_setting.value::jsonb ->> 'expires_at')::timestamptz < now()
      OR mlm_network_setting.value::jsonb ->> 'owner' = EXCLUDED.value::jsonb ->> 'owner'
  RETURNING id`

export const RELEASE_LEASE_SQL = `
  DELETE FROM mlm_network_setting WHERE key = ? AND value::jsonb ->> 'owner' = ? RETURNING id`

/** Converts knex `?` placeholders to pg's `$n` (for the bench, which talks to pg directly). */
export function toPgPlaceholders(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/** The admin distributor list: what an admin filters by. `q` is matched anywhere in handle or name. */
/** `top`: only the distributors at the top of the network (no sponsor). */
export type DistributorListFilters = { q?: string; status?: string; sponsor_id?: string; top?: boolean }

/** Beyond this many matches a filtered list answers `count_capped` instead of counting them all. */
export const LIST_COUNT_CAP = 10_000
/** A search counts its matches up to here: fewer are read through the trigram index, more by walking the list's order. */
export const SEARCH_COUNT_CAP = 1_000

/** The search key the trigram index holds (Migration20261124150000): the query must use the same expression. */
const SEARCH_KEY = `lower(handle || ' ' || display_name)`

/** `%q%` for LIKE, with the pattern characters in q taken literally. */
export const likeContains = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

function listWhere(filters: DistributorListFilters): { sql: string; params: unknown[] } {
  const clauses = ["deleted_at IS NULL"]
  const params: unknown[] = []
  if (filters.status) (clauses.push("status = ?"), params.push(filters.status))
  if (filters.sponsor_id) (clauses.push("sponsor_id = ?"), params.push(filters.sponsor_id))
  if (filters.top) clauses.push("depth = 0")
  if (filters.q) (clauses.push(`${SEARCH_KEY} LIKE ?`), params.push(likeContains(filters.q)))
  return { sql: clauses.join(" AND "), params }
}

const PAGE_COLUMNS = DISTRIBUTOR_COLUMNS.replace(/\w+/g, (column) => `d.${column}`)

/** A page of the admin list in enrolment order (ids first: the walk stays index-only; then their rows). */
export function distributorListPageSql(filters: DistributorListFilters, limit: number, offset: number) {
  const where = listWhere(filters)
  return {
    sql: `WITH page AS MATERIALIZED (
            SELECT id, enrolled_at FROM mlm_distributor WHERE ${where.sql} ORDER BY enrolled_at, id LIMIT ? OFFSET ?)
          SELECT ${PAGE_COLUMNS} FROM page JOIN mlm_distributor d ON d.id = page.id ORDER BY page.enrolled_at, page.id`,
    params: [...where.params, limit, offset],
  }
}

/**
 * A search's matches, counted up to `cap` (+ 1, to know it was passed), and, when there are no more
 * than `cap`, the page of them in enrolment order, in one statement: the trigram index is read once.
 * Each row carries `matched_count`; with no match, or more than `cap`, one row whose columns are null
 * but `matched_count` (the page then comes from distributorListPageSql, walking the list's order).
 */
export function distributorSearchSql(filters: DistributorListFilters, cap: number, limit: number, offset: number) {
  const where = listWhere(filters)
  return {
    sql: `WITH matched AS MATERIALIZED (SELECT id, enrolled_at FROM mlm_distributor WHERE ${where.sql} LIMIT ?),
          total AS (SELECT count(*) AS matched_count FROM matched),
          page AS (SELECT id, enrolled_at FROM matched WHERE (SELECT matched_count FROM total) <= ?
                    ORDER BY enrolled_at, id LIMIT ? OFFSET ?)
          SELECT total.matched_count, ${PAGE_COLUMNS}
            FROM total LEFT JOIN (page JOIN mlm_distributor d ON d.id = page.id) ON true
           ORDER BY page.enrolled_at, page.id`,
    params: [...where.params, cap + 1, cap, limit, offset],
  }
}

/**
 * How many match: without filters, exact from the maintained counters (the top-level distributors
 * plus everyone below them); with filters, counted up to a cap (+ 1, to know it was passed).
 */
export function distributorListCountSql(filters: DistributorListFilters, cap: number) {
  if (!filters.q && !filters.status && !filters.sponsor_id && !filters.top) {
    return {
      sql: `SELECT count(*) + coalesce(sum(downline_count), 0) AS count
              FROM mlm_distributor WHERE depth = 0 AND deleted_at IS NULL`,
      params: [] as unknown[],
    }
  }
  const where = listWhere(filters)
  return {
    sql: `SELECT count(*) AS count FROM (SELECT 1 FROM mlm_distributor WHERE ${where.sql} LIMIT ?) matched`,
    params: [...where.params, cap + 1],
  }
}

/**
 * Before a search, for the rest of the caller's transaction: count the matches through the trigram
 * index (a bitmap), never by walking another index and testing the search key row by row. The
 * planner expects many matches of a short fragment and takes the walk of the list's covering index:
 * for "ada" on the million it tested 52,905 rows to find 1,001 matches (17.5 ms), where the bitmap
 * takes 5.7 ms; the bench's other kinds of search already took the bitmap (same times either way).
 */
export const SEARCH_BY_TRIGRAMS_SQL = `SELECT set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)`

/**
 * For a search that matches many, for the rest of the caller's transaction: walk the list's order
 * index-only instead of reading every match (index scans back on, bitmaps and parallel plans off).
 */
export const WALK_LIST_ORDER_SQL = `SELECT set_config('enable_indexscan', 'on', true), set_config('enable_indexonlyscan', 'on', true),
  set_config('enable_bitmapscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`

/*
 * Network import (NetworkModuleService.importNetwork). Rows are written with COPY, streamed in
 * chunks of IMPORT_BATCH_SIZE rows; lookups take their lists as one JSON parameter.
 */
export const IMPORT_BATCH_SIZE = 5_000

/** Distributors named in an import (as handle or sponsor), by handle. Parameter: JSON array of handles. */
export const DISTRIBUTORS_BY_HANDLES_SQL = `
  SELECT id, handle, path, depth FROM mlm_distributor
   WHERE handle IN (SELECT value FROM json_array_elements_text(?::json)) AND deleted_at IS NULL`

/** Current paths of the given distributors. Parameter: JSON array of ids. */
export const PATHS_BY_IDS_SQL = `
  SELECT id, path FROM mlm_distributor
   WHERE id IN (SELECT value FROM json_array_elements_text(?::json)) AND deleted_at IS NULL`

/** Distributors of the given customers. Parameter: JSON array of customer ids. */
export const DISTRIBUTORS_BY_CUSTOMERS_SQL = `
  SELECT handle, customer_id FROM mlm_distributor
   WHERE customer_id IN (SELECT value FROM json_array_elements_text(?::json)) AND deleted_at IS NULL`

/** Inserts a batch of planned distributors. Parameters: import id (kept in metadata), JSON rows. */
/** The imported rows, COPY text in this column order (created_at and updated_at take their default, now()). */
export const COPY_IMPORTED_DISTRIBUTORS_SQL = `
  COPY mlm_distributor (id, handle, display_name, status, sponsor_id, customer_id, enrolled_at, path, depth,
    downline_count, metadata) FROM STDIN`

/** Bindings are copied aside first (COPY cannot skip a customer who is already bound). Dropped at commit. */
export const CREATE_IMPORT_BINDINGS_TEMP_SQL = `
  CREATE TEMPORARY TABLE mlm_import_binding (id text, customer_id text, distributor_id text) ON COMMIT DROP`

export const COPY_IMPORT_BINDINGS_SQL = `COPY mlm_import_binding (id, customer_id, distributor_id) FROM STDIN`

/**
 * Sponsor bindings copied straight into their table, when it holds no binding a customer could
 * keep (empty before a large import): no temporary table and no anti-join (1,000,000 rows: 3.7 s
 * against 6.4 s). A binding made meanwhile fails the unique index as it is built again: the import
 * is refused as a conflict and can be run again.
 */
export const COPY_BINDINGS_SQL = `COPY mlm_customer_binding (id, customer_id, distributor_id, source) FROM STDIN`

/**
 * Customers bound to the sponsor they were imported under; a customer already bound keeps that
 * binding. An anti-join, not ON CONFLICT: a plain insert is a fifth faster (300,000 rows: 2.3 s, not 2.9 s)
 * (a binding made between this read and the insert fails the unique index: the import is refused
 * as a conflict and can be run again).
 */
export const INSERT_IMPORTED_BINDINGS_SQL = `
  INSERT INTO mlm_customer_binding (id, customer_id, distributor_id, source, created_at, updated_at)
  SELECT t.id, t.customer_id, t.distributor_id, 'enrollment', now(), now() FROM mlm_import_binding t
   WHERE NOT EXISTS (SELECT 1 FROM mlm_customer_binding b WHERE b.customer_id = t.customer_id AND b.deleted_at IS NULL)`

/** Memory for rebuilding the indexes of a large import in one sort each (this transaction only). */
export const IMPORT_INDEX_BUILD_MEMORY_SQL = `SET LOCAL maintenance_work_mem = '512MB'`

/** Adds each delta to an existing distributor's maintained count. Parameter: JSON [{id, delta}]. */
export const INCREMENT_DOWNLINE_COUNTS_SQL = `
  UPDATE mlm_distributor d SET downline_count = d.downline_count + t.delta, updated_at = now()
    FROM json_to_recordset(?::json) AS t(id text, delta int)
   WHERE d.id = t.id`

/** Removes an import (its compensation). Parameter: import id. Returns how many rows went. */
export const DELETE_IMPORTED_SQL = `
  WITH gone AS (DELETE FROM mlm_distributor WHERE metadata->>'mlm_import_id' = ? RETURNING customer_id, sponsor_id)
  DELETE FROM mlm_customer_binding b USING gone
   WHERE b.customer_id = gone.customer_id AND b.distributor_id = gone.sponsor_id AND b.source = 'enrollment'`

/**
 * A table's secondary indexes (all but those of its constraints: the primary key), to set aside
 * during a large import and rebuild after. Parameter: the table's name (twice).
 */
export const SECONDARY_INDEXES_SQL = `
  SELECT i.indexname, i.indexdef FROM pg_indexes i
   WHERE i.schemaname = current_schema() AND i.tablename = ?
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                      WHERE c.conname = i.indexname AND c.conrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass)`

/**
 * A table's foreign keys (the distributor's sponsor key), to set aside during a large import and add
 * again after: checked row by row while 1,000,000 rows are copied they doubled the COPY (18.8 s
 * against 9.2 s), added again they are checked in one join (1.5 s). Parameter: the table's name.
 */
export const FOREIGN_KEYS_SQL = `
  SELECT c.conname, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
   WHERE c.conrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass AND c.contype = 'f'
   ORDER BY c.conname`

/** Rows of the tables an import writes (exact: a large import compares itself with them). */
export const IMPORT_TABLE_ROWS_SQL = `
  SELECT (SELECT count(*) FROM mlm_distributor)::int AS distributors, (SELECT count(*) FROM mlm_customer_binding)::int AS bindings`
