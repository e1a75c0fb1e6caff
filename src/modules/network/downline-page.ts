import { MedusaError } from "@medusajs/framework/utils"
import type { SqlManager } from "../../types/sql"
import type { DownlineMember } from "./types"
import { CUT_TEAM_COUNT_SQL, DOWNLINE_PAGE_SQL, DOWNLINE_START_SQL } from "./queries"
import { belowWindowParams, downlinePageParams, downlineWindow, windowCountParams } from "./utils/downline"

export type DownlinePage = { members: DownlineMember[]; count: number; next_after: string | null }

/**
 * One downline page in two statements, three with a depth limit that cuts the team off: where it
 * starts (the root, the network's deepest level, the cursor), the page (DOWNLINE_PAGE_SQL), and the
 * count of the kept levels. Otherwise the count is the root's maintained counter. Shared by
 * NetworkModuleService.listDownline and `npm run bench`, so the bench times exactly the route's reads.
 */
export async function readDownlinePage(
  execute: SqlManager["execute"],
  distributorId: string,
  page: { maxDepth?: number; limit: number; offset?: number; after?: string | null }
): Promise<DownlinePage> {
  const [start] = await execute<{ depth: number; path: string; downline_count: number; deepest: number; cursor_depth: number | null; cursor_path: string | null }>(
    DOWNLINE_START_SQL,
    [page.after ?? null, distributorId]
  )
  if (!start) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Distributor ${distributorId} was not found`)
  const root = { depth: Number(start.depth), path: start.path }
  const deepest = Number(start.deepest)
  const cursor = start.cursor_path === null ? null : { depth: Number(start.cursor_depth), path: start.cursor_path }
  const window = page.after && !cursor ? null : downlineWindow(root, deepest, page.maxDepth, cursor)
  if (!window) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The cursor does not point into this team: start again without it")
  }
  const rows =
    window.first_depth > window.last_depth ? [] : await execute(DOWNLINE_PAGE_SQL, downlinePageParams(root, window, page.limit, page.offset ?? 0))
  const members: DownlineMember[] = rows.map(({ depth, path, ...row }) => ({
    ...(row as DownlineMember),
    level: Number(row.level),
    downline_count: Number(row.downline_count),
  }))
  let count = Number(start.downline_count)
  if (window.last_depth < deepest) {
    const [{ total }] = await execute<{ total: string | null }>(CUT_TEAM_COUNT_SQL, [
      ...belowWindowParams(root, window),
      ...windowCountParams(root, window),
    ])
    if (total !== null) count = Number(total)
  }
  return { members, count, next_after: members.length === page.limit ? members[members.length - 1].handle : null }
}
