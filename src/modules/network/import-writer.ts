import { conflictError } from "../../lib/errors"
import type { ImportPlan } from "./utils/import"
import type { SqlManager } from "../../types/sql"
import {
  DISTRIBUTOR_SECONDARY_INDEXES_SQL,
  PATHS_BY_IDS_SQL,
  IMPORT_BATCH_SIZE,
  INCREMENT_DOWNLINE_COUNTS_SQL,
  INSERT_IMPORTED_BINDINGS_SQL,
  INSERT_IMPORTED_DISTRIBUTORS_SQL,
  LOCK_GENEALOGY_EXCLUSIVE_SQL,
} from "./queries"


/** From this many rows on, the secondary indexes are set aside and rebuilt once (far faster than row by row). */
export const LARGE_IMPORT_ROWS = 50_000

export type ImportProgress = (written: number, total: number) => void

/**
 * Writes a planned import in the caller's transaction: the genealogy lock (exclusive: no enrolment
 * or move meanwhile), a check that the existing sponsors have not moved since the plan, the rows in
 * batches, the existing ancestors' counts, and the sponsor bindings. A large import drops the
 * table's secondary indexes inside the transaction and recreates them before it commits (a failure
 * restores them with everything else); the distributor table is locked for that time.
 * Shared by NetworkModuleService.importNetwork and `npm run bench`.
 */
export async function writeNetworkImport(
  exec: SqlManager["execute"],
  plan: ImportPlan,
  customerIdsByEmail: Map<string, string>,
  importId: string,
  onProgress?: ImportProgress
): Promise<{ written: number; rebuilt_indexes: number }> {
  await exec(LOCK_GENEALOGY_EXCLUSIVE_SQL)
  await checkSponsorsUnmoved(exec, plan)

  const large = plan.distributors.length >= LARGE_IMPORT_ROWS
  const indexes = large ? await exec(DISTRIBUTOR_SECONDARY_INDEXES_SQL) : []
  for (const index of indexes) await exec(`DROP INDEX "${index.indexname}"`)

  let written = 0
  for (let start = 0; start < plan.distributors.length; start += IMPORT_BATCH_SIZE) {
    const batch = plan.distributors.slice(start, start + IMPORT_BATCH_SIZE).map((d) => {
      const customerId = customerIdsByEmail.get(d.email)
      if (!customerId) throw new Error(`No customer for ${d.email} (line ${d.line})`)
      return {
        id: d.id,
        handle: d.handle,
        display_name: d.display_name,
        status: d.status,
        sponsor_id: d.sponsor_id,
        customer_id: customerId,
        enrolled_at: d.enrolled_at,
        path: d.path,
        depth: d.depth,
        downline_count: d.downline_count,
      }
    })
    await exec(INSERT_IMPORTED_DISTRIBUTORS_SQL, [importId, JSON.stringify(batch)])
    await exec(INSERT_IMPORTED_BINDINGS_SQL, [
      JSON.stringify(batch.map(({ id, customer_id, sponsor_id }) => ({ id, customer_id, sponsor_id }))),
    ])
    written += batch.length
    onProgress?.(written, plan.distributors.length)
  }
  if (plan.ancestor_increments.length) {
    await exec(INCREMENT_DOWNLINE_COUNTS_SQL, [JSON.stringify(plan.ancestor_increments)])
  }
  for (const index of indexes) await exec(index.indexdef)
  return { written, rebuilt_indexes: indexes.length }
}

/** The plan placed teams under existing sponsors at their paths of the time: refuse if one has moved. */
async function checkSponsorsUnmoved(exec: SqlManager["execute"], plan: ImportPlan) {
  const imported = new Set(plan.distributors.map((d) => d.id))
  const expected = new Map<string, string>()
  for (const d of plan.distributors) {
    if (d.sponsor_id && !imported.has(d.sponsor_id)) expected.set(d.sponsor_id, d.path.slice(0, d.path.length - d.id.length - 1))
  }
  if (!expected.size) return
  const rows = await exec(PATHS_BY_IDS_SQL, [JSON.stringify([...expected.keys()])])
  const now = new Map(rows.map((r) => [r.id, r.path]))
  for (const [id, path] of expected) {
    if (now.get(id) !== path) {
      throw conflictError(`The sponsor ${id} was moved or removed while the import was prepared: run the import again`)
    }
  }
}
