import type { SqlManager } from "../../types/sql"
import {
  DistributorListFilters,
  LIST_COUNT_CAP,
  SEARCH_COUNT_CAP,
  WALK_LIST_ORDER_SQL,
  distributorListCountSql,
  distributorListPageSql,
} from "./queries"

export type DistributorListPage<Row> = { rows: Row[]; count: number; count_capped: boolean }

/**
 * The admin list's reads, in the caller's transaction (a search may change planner settings for
 * itself with SET LOCAL). Shared by NetworkModuleService.listDistributorPage and `npm run bench`.
 * - no filter: the page by the (enrolled_at, id) index; the count exact from the maintained counters;
 * - status or sponsor: the page in order, counted up to LIST_COUNT_CAP;
 * - search: counted up to SEARCH_COUNT_CAP through the trigram index. Few matches are read through
 *   it and sorted; many are found by walking the covering (enrolled_at, id) index in order, index-only.
 */
export async function readDistributorList<Row = Record<string, any>>(
  execute: SqlManager["execute"],
  filters: DistributorListFilters,
  page: { limit: number; offset: number }
): Promise<DistributorListPage<Row>> {
  const filtered = !!(filters.q || filters.status || filters.sponsor_id || filters.top)
  const cap = !filtered ? Infinity : filters.q ? SEARCH_COUNT_CAP : LIST_COUNT_CAP
  const counted = distributorListCountSql(filters, cap)
  const [{ count }] = await execute<{ count: string }>(counted.sql, counted.params)
  const total = Number(count)
  if (filters.q && total > cap) for (const sql of WALK_LIST_ORDER_SQL) await execute(sql)
  const list = distributorListPageSql(filters, page.limit, page.offset)
  const rows = total === 0 ? [] : await execute<Row>(list.sql, list.params)
  return { rows, count: Math.min(total, cap), count_capped: total > cap }
}
