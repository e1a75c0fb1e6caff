import type { SqlManager } from "../../types/sql"
import {
  DistributorListFilters,
  LIST_COUNT_CAP,
  SEARCH_BY_TRIGRAMS_SQL,
  SEARCH_COUNT_CAP,
  WALK_LIST_ORDER_SQL,
  distributorListCountSql,
  distributorListPageSql,
  distributorSearchSql,
} from "./queries"

export type DistributorListPage<Row> = { rows: Row[]; count: number; count_capped: boolean }

/**
 * The admin list's reads, in the caller's transaction (a search may change planner settings for
 * itself with SET LOCAL). Shared by NetworkModuleService.listDistributorPage and `npm run bench`.
 * - no filter: the page by the (enrolled_at, id) index; the count exact from the maintained counters;
 * - status or sponsor: the page in order, counted up to LIST_COUNT_CAP;
 * - search: counted up to SEARCH_COUNT_CAP through the trigram index (SEARCH_BY_TRIGRAMS_SQL), and
 *   the page of those few in the same statement (one read of the trigram index). More matches than
 *   that are paged by walking the covering (enrolled_at, id) index in order, index-only.
 */
export async function readDistributorList<Row = Record<string, any>>(
  execute: SqlManager["execute"],
  filters: DistributorListFilters,
  page: { limit: number; offset: number }
): Promise<DistributorListPage<Row>> {
  if (filters.q) return readSearch<Row>(execute, filters, page)
  const filtered = !!(filters.status || filters.sponsor_id || filters.top)
  const cap = filtered ? LIST_COUNT_CAP : Infinity
  const counted = distributorListCountSql(filters, cap)
  const [{ count }] = await execute<{ count: string }>(counted.sql, counted.params)
  const total = Number(count)
  const list = distributorListPageSql(filters, page.limit, page.offset)
  const rows = total === 0 ? [] : await execute<Row>(list.sql, list.params)
  return { rows, count: Math.min(total, cap), count_capped: total > cap }
}

async function readSearch<Row>(
  execute: SqlManager["execute"],
  filters: DistributorListFilters,
  page: { limit: number; offset: number }
): Promise<DistributorListPage<Row>> {
  const cap = SEARCH_COUNT_CAP
  const search = distributorSearchSql(filters, cap, page.limit, page.offset)
  await execute(SEARCH_BY_TRIGRAMS_SQL)
  const found = await execute<{ matched_count: string; id: string | null }>(search.sql, search.params)
  const total = Number(found[0].matched_count)
  if (total <= cap) {
    const rows = found.filter((row) => row.id !== null).map(({ matched_count, ...row }) => row as Row)
    return { rows, count: total, count_capped: false }
  }
  await execute(WALK_LIST_ORDER_SQL)
  const list = distributorListPageSql(filters, page.limit, page.offset)
  return { rows: await execute<Row>(list.sql, list.params), count: cap, count_capped: true }
}
