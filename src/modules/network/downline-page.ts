import { MedusaError } from "@medusajs/framework/utils"
import type { SqlManager } from "../../types/sql"
import type { DownlineMember } from "./types"
import { DOWNLINE_SQL } from "./queries"

export type DownlinePage = { members: DownlineMember[]; count: number; next_after: string | null }

type DownlineRow = Omit<DownlineMember, "level" | "downline_count"> & {
  cursor_in_team: boolean
  team_count: string | number | null
  level: number | null
  downline_count: number | null
}

/**
 * One downline page in one statement (DOWNLINE_SQL: the window, the page and the team's count are
 * computed in the database, in one round trip). Shared by NetworkModuleService.listDownline and
 * `npm run bench`, so the bench times exactly the route's read.
 */
export async function readDownlinePage(
  execute: SqlManager["execute"],
  distributorId: string,
  page: { maxDepth?: number; limit: number; offset?: number; after?: string | null }
): Promise<DownlinePage> {
  const rows = await execute<DownlineRow>(DOWNLINE_SQL, [
    distributorId,
    page.after || null,
    page.maxDepth ?? null,
    page.limit,
    page.offset ?? 0,
  ])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Distributor ${distributorId} was not found`)
  if (!rows[0].cursor_in_team) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The cursor does not point into this team: start again without it")
  }
  const members: DownlineMember[] = rows
    .filter((row) => row.id !== null)
    .map(({ cursor_in_team, team_count, ...row }) => ({
      ...row,
      level: Number(row.level),
      downline_count: Number(row.downline_count),
    }))
  return {
    members,
    count: Number(rows[0].team_count),
    next_after: members.length === page.limit ? members[members.length - 1].handle : null,
  }
}
