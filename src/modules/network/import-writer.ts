import { conflictError } from "../../lib/errors"
import type { ImportPlan, PlannedDistributor } from "./utils/import"
import type { SqlManager } from "../../types/sql"
import type { CopyIn } from "./pg-copy"
import { copyTextRow } from "./utils/copy-text"
import {
  COPY_BINDINGS_SQL,
  COPY_IMPORTED_DISTRIBUTORS_SQL,
  COPY_IMPORT_BINDINGS_SQL,
  CREATE_IMPORT_BINDINGS_TEMP_SQL,
  FOREIGN_KEYS_SQL,
  IMPORT_BATCH_SIZE,
  IMPORT_INDEX_BUILD_MEMORY_SQL,
  IMPORT_TABLE_ROWS_SQL,
  INCREMENT_DOWNLINE_COUNTS_SQL,
  INSERT_IMPORTED_BINDINGS_SQL,
  LOCK_GENEALOGY_EXCLUSIVE_SQL,
  PATHS_BY_IDS_SQL,
  SECONDARY_INDEXES_SQL,
} from "./queries"

/** From this many rows on, an import may set a table's indexes aside (see setsAside). */
export const LARGE_IMPORT_ROWS = 50_000

/**
 * Whether an import of `rows` into a table of `tableRows` sets the table's secondary indexes and
 * foreign keys aside and builds them once at the end, rather than updating them row by row: only a
 * large import (LARGE_IMPORT_ROWS) into a table no larger than itself. Rebuilding costs in
 * proportion to the whole table, so a smaller import into a large network updates them row by row.
 */
export function setsAside(rows: number, tableRows: number): boolean {
  return rows >= LARGE_IMPORT_ROWS && rows >= tableRows
}

type SetAside = { indexes: { indexname: string; indexdef: string }[]; foreignKeys: { conname: string; definition: string }[] }

/** Drops a table's secondary indexes and foreign keys (in the caller's transaction); what to restore. */
async function setAside(exec: SqlManager["execute"], table: string, { foreignKeys }: { foreignKeys: boolean }): Promise<SetAside> {
  const aside: SetAside = {
    indexes: await exec(SECONDARY_INDEXES_SQL, [table, table]),
    foreignKeys: foreignKeys ? await exec(FOREIGN_KEYS_SQL, [table]) : [],
  }
  for (const key of aside.foreignKeys) await exec(`ALTER TABLE "${table}" DROP CONSTRAINT "${key.conname}"`)
  for (const index of aside.indexes) await exec(`DROP INDEX "${index.indexname}"`)
  return aside
}

/** Builds again what setAside dropped: each index in one sort, each foreign key checked in one join. */
async function restore(exec: SqlManager["execute"], table: string, aside: SetAside): Promise<void> {
  for (const index of aside.indexes) await exec(index.indexdef)
  for (const key of aside.foreignKeys) await exec(`ALTER TABLE "${table}" ADD CONSTRAINT "${key.conname}" ${key.definition}`)
}

export type ImportProgress = (written: number, total: number) => void

/**
 * Writes a planned import in the caller's transaction: the genealogy lock (exclusive: no enrolment
 * or move meanwhile), a check that the existing sponsors have not moved since the plan, the rows
 * with COPY (streamed in chunks), the existing ancestors' counts, and the sponsor bindings (COPY
 * into a temporary table, then one insert that keeps a customer's existing binding; straight into
 * the table when a large import finds it empty). A large import into small tables (setsAside)
 * drops their secondary indexes and the sponsor key inside the transaction and builds them again
 * before it commits (a failure restores them with everything else); those tables are locked for
 * that time. Shared by NetworkModuleService.importNetwork and `npm run bench`.
 */
export async function writeNetworkImport(
  exec: SqlManager["execute"],
  copyIn: CopyIn,
  plan: ImportPlan,
  customerIdsByEmail: Map<string, string>,
  importId: string,
  onProgress?: ImportProgress
): Promise<{ written: number; rebuilt_indexes: number }> {
  await exec(LOCK_GENEALOGY_EXCLUSIVE_SQL)
  await checkSponsorsUnmoved(exec, plan)

  // A large import into a small table sets the table's indexes (and the distributors' sponsor key)
  // aside; a failure restores them with everything else, as the transaction rolls back.
  const sponsored = plan.distributors.filter((d) => d.sponsor_id)
  const [existing] = plan.distributors.length >= LARGE_IMPORT_ROWS ? await exec(IMPORT_TABLE_ROWS_SQL) : [{ distributors: 0, bindings: 0 }]
  const distributorsAside = setsAside(plan.distributors.length, Number(existing.distributors))
    ? await setAside(exec, "mlm_distributor", { foreignKeys: true })
    : null
  const bindingsAside = setsAside(sponsored.length, Number(existing.bindings)) ? await setAside(exec, "mlm_customer_binding", { foreignKeys: false }) : null

  const customerOf = (d: PlannedDistributor) => {
    const customerId = customerIdsByEmail.get(d.email)
    if (!customerId) throw new Error(`No customer for ${d.email} (line ${d.line})`)
    return customerId
  }
  const metadata = JSON.stringify({ mlm_import_id: importId })
  let written = 0
  await copyIn(
    COPY_IMPORTED_DISTRIBUTORS_SQL,
    chunks(plan.distributors, (d) =>
      copyTextRow([d.id, d.handle, d.display_name, d.status, d.sponsor_id, customerOf(d), d.enrolled_at, d.path, d.depth, d.downline_count, metadata])
    , (done) => {
      written = done
      onProgress?.(done, plan.distributors.length)
    })
  )

  if (bindingsAside && Number(existing.bindings) === 0) {
    // no binding to keep: straight into the table
    await copyIn(COPY_BINDINGS_SQL, chunks(sponsored, (d) => copyTextRow([`mlmbind_${d.id}`, customerOf(d), d.sponsor_id, "enrollment"])))
  } else {
    await exec(CREATE_IMPORT_BINDINGS_TEMP_SQL)
    await copyIn(COPY_IMPORT_BINDINGS_SQL, chunks(sponsored, (d) => copyTextRow([`mlmbind_${d.id}`, customerOf(d), d.sponsor_id])))
    await exec(INSERT_IMPORTED_BINDINGS_SQL)
  }

  if (plan.ancestor_increments.length) {
    await exec(INCREMENT_DOWNLINE_COUNTS_SQL, [JSON.stringify(plan.ancestor_increments)])
  }
  const rebuilt = (distributorsAside?.indexes.length ?? 0) + (bindingsAside?.indexes.length ?? 0)
  if (rebuilt) await exec(IMPORT_INDEX_BUILD_MEMORY_SQL)
  if (distributorsAside) await restore(exec, "mlm_distributor", distributorsAside)
  if (bindingsAside) await restore(exec, "mlm_customer_binding", bindingsAside)
  return { written, rebuilt_indexes: rebuilt }
}

/** The rows as COPY text in chunks of IMPORT_BATCH_SIZE; `done` after each chunk is handed on. */
function* chunks<T>(rows: T[], toText: (row: T) => string, done?: (count: number) => void): Generator<string> {
  for (let start = 0; start < rows.length; start += IMPORT_BATCH_SIZE) {
    const end = Math.min(rows.length, start + IMPORT_BATCH_SIZE)
    let text = ""
    for (let i = start; i < end; i++) text += toText(rows[i])
    yield text
    done?.(end)
  }
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
