import { parse } from "csv-parse/sync"
import { isSafeText } from "../../../lib/text"
import { checkHandle, normalizeHandle } from "./handle"
import { childPath, idsInPath, MAX_NETWORK_DEPTH, rootPath } from "./path"
import type { DistributorStatus } from "../types"
import type { ImportError } from "../../../types/import"

/**
 * Network import (DESIGN.md "genealogy"): a whole network from another system, planned in memory
 * before anything is written. Every row is checked; a row whose sponsor cannot be placed makes its
 * recruits orphans; nothing is planned unless every row is valid. The plan lists sponsors before
 * their recruits, with each member's path, depth and downline count, and what the existing
 * ancestors of the imported teams gain, so the writes are plain bulk inserts and one update.
 */
export const IMPORT_COLUMNS = ["handle", "email", "sponsor_handle", "display_name", "status", "enrolled_at"] as const
export const IMPORT_REQUIRED_COLUMNS = ["handle", "email"] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** One CSV record; `line` is its line number in the file (the header is line 1). */
export type ImportRow = { line: number } & Partial<Record<ImportColumn, string>>

export type { ImportError }

/** What the database already holds that the file refers to. */
export type ExistingNetwork = {
  /** Distributors by handle (those the file names as handle or sponsor_handle). */
  distributors: Map<string, { id: string; path: string; depth: number }>
  /** E-mails whose customer is already a distributor, with that distributor's handle. */
  enrolled_emails: Map<string, string>
}

export type PlannedDistributor = {
  line: number
  id: string
  handle: string
  email: string
  display_name: string
  status: DistributorStatus
  /** ISO 8601 (a plan travels through the workflow engine as JSON). */
  enrolled_at: string
  sponsor_id: string | null
  path: string
  depth: number
  downline_count: number
}

export type ImportPlan = {
  /** Sponsors before their recruits. */
  distributors: PlannedDistributor[]
  /** Existing distributors whose maintained downline count grows, by how much. */
  ancestor_increments: { id: string; delta: number }[]
}

/** `newId` must give ids that sort in the order it is called (sponsor paths list ids in time order). */
export type ImportOptions = { reserved?: readonly string[]; now: Date; newId: (enrolledAt: Date) => string }

/** E-mails are matched case-insensitively. */
export const normalizeImportEmail = (email: string | null | undefined) => (email ?? "").trim().toLowerCase()

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/
const STATUSES: readonly string[] = ["active", "inactive", "terminated"]
export const IMPORT_DISPLAY_NAME_MAX = 100

/** The header's problems: missing required columns, unknown or repeated ones. */
export function checkImportHeader(columns: string[]): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const column of columns) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(column)) {
      problems.push(`unknown column '${column}' (the columns are ${IMPORT_COLUMNS.join(", ")})`)
    }
    if (seen.has(column)) problems.push(`column '${column}' appears twice`)
    seen.add(column)
  }
  for (const column of IMPORT_REQUIRED_COLUMNS) {
    if (!seen.has(column)) problems.push(`column '${column}' is missing`)
  }
  return problems
}

const UNVISITED = 0
const VISITING = 1
const PLACED = 2
const FAILED = 3

/** Checks every row and, if all are valid, plans the import; otherwise returns the errors by line. */
export function planNetworkImport(
  rows: ImportRow[],
  existing: ExistingNetwork,
  options: ImportOptions
): { errors: ImportError[]; plan: ImportPlan | null } {
  const n = rows.length
  const errors: ImportError[] = []
  const handles = new Array<string>(n)
  const emails = new Array<string>(n)
  const names = new Array<string>(n)
  const statuses = new Array<DistributorStatus>(n)
  const enrolled = new Array<Date>(n)
  const state = new Uint8Array(n)
  const byHandle = new Map<string, number>()
  const byEmail = new Map<string, number>()
  const fail = (i: number, reason: string) => {
    errors.push({ line: rows[i].line, handle: handles[i] ?? "", reason })
    state[i] = FAILED
  }

  // 1. Each row on its own, and duplicates within the file and against the database.
  for (let i = 0; i < n; i++) {
    const row = rows[i]
    const check = checkHandle(row.handle ?? "", options.reserved ?? [])
    handles[i] = check.handle
    if (!check.valid) {
      fail(i, check.reason)
    } else if (byHandle.has(check.handle)) {
      fail(i, `duplicate handle '${check.handle}' (first on line ${rows[byHandle.get(check.handle)!].line})`)
    } else {
      byHandle.set(check.handle, i)
      if (existing.distributors.has(check.handle)) fail(i, `handle '${check.handle}' is already taken`)
    }

    const email = normalizeImportEmail(row.email)
    emails[i] = email
    if (!email) fail(i, "email is missing")
    else if (email.length > 254 || !EMAIL.test(email) || !isSafeText(email)) fail(i, `'${email}' is not an e-mail address`)
    else if (byEmail.has(email)) fail(i, `duplicate email '${email}' (first on line ${rows[byEmail.get(email)!].line})`)
    else {
      byEmail.set(email, i)
      const enrolledAs = existing.enrolled_emails.get(email)
      if (enrolledAs) fail(i, `the customer ${email} is already the distributor '${enrolledAs}'`)
    }

    const name = (row.display_name ?? "").trim()
    names[i] = name || check.handle
    if (name.length > IMPORT_DISPLAY_NAME_MAX) fail(i, `display_name must be at most ${IMPORT_DISPLAY_NAME_MAX} characters`)
    else if (!isSafeText(name)) fail(i, "display_name must not contain control or bidirectional-override characters")

    const status = (row.status ?? "").trim().toLowerCase() || "active"
    statuses[i] = status as DistributorStatus
    if (!STATUSES.includes(status)) fail(i, `status '${status}' is not one of ${STATUSES.join(", ")}`)

    const when = (row.enrolled_at ?? "").trim()
    const date = when ? new Date(when) : options.now
    enrolled[i] = date
    if (when && (!ISO_DATE.test(when) || Number.isNaN(date.getTime()))) fail(i, `enrolled_at '${when}' is not an ISO 8601 date`)
    else if (date.getTime() > options.now.getTime()) fail(i, `enrolled_at ${when} is in the future`)
  }

  // 2. Sponsors: a row of the file, else an existing distributor; -1 = top level, -2 = existing.
  const parent = new Int32Array(n).fill(-1)
  const existingSponsor = new Array<{ id: string; path: string; depth: number } | undefined>(n)
  for (let i = 0; i < n; i++) {
    const sponsorHandle = normalizeHandle(rows[i].sponsor_handle ?? "")
    if (!sponsorHandle) continue
    if (sponsorHandle === handles[i]) {
      fail(i, `cycle: '${handles[i]}' sponsors itself`)
      continue
    }
    const inFile = byHandle.get(sponsorHandle)
    if (inFile !== undefined) parent[i] = inFile
    else if (existing.distributors.has(sponsorHandle)) {
      parent[i] = -2
      existingSponsor[i] = existing.distributors.get(sponsorHandle)
    } else fail(i, `unknown sponsor '${sponsorHandle}'`)
  }

  // 3. Every row must reach the top or an existing distributor through valid rows: a loop of
  //    sponsors is a cycle, a row above which the chain breaks is an orphan. Iterative (deep chains).
  const depth = new Int32Array(n)
  const stack: number[] = []
  for (let start = 0; start < n; start++) {
    if (state[start] !== UNVISITED) continue
    let i = start
    let outcome: "placed" | "failed" | "cycle" = "placed"
    for (;;) {
      state[i] = VISITING
      stack.push(i)
      const p = parent[i]
      if (p < 0 || state[p] === PLACED) break
      if (state[p] === FAILED) outcome = "failed"
      if (state[p] === VISITING) outcome = "cycle"
      if (outcome !== "placed") break
      i = p
    }
    if (outcome === "cycle") {
      // The rows from the repeated one to the end of the stack form the loop.
      const loopStart = stack.indexOf(parent[stack[stack.length - 1]])
      const loop = stack.slice(loopStart)
      const shown = loop.length > 6 ? [...loop.slice(0, 5)] : [...loop, loop[0]]
      const described = shown.map((k) => `'${handles[k]}' (line ${rows[k].line})`).join(" → ") + (loop.length > 6 ? " → …" : "")
      for (const k of loop) fail(k, `cycle: ${described}`)
      stack.length = loopStart
      outcome = "failed"
    }
    // Unwind from the top of the chain down.
    while (stack.length) {
      const k = stack.pop()!
      const p = parent[k]
      if (outcome === "failed") {
        fail(k, `orphan: its sponsor '${handles[p]}' (line ${rows[p].line}) cannot be imported`)
      } else {
        state[k] = PLACED
        depth[k] = p === -1 ? 0 : p === -2 ? existingSponsor[k]!.depth + 1 : depth[p] + 1
        if (depth[k] > MAX_NETWORK_DEPTH) {
          fail(k, `too deep: ${depth[k]} levels below the top of the network; at most ${MAX_NETWORK_DEPTH}`)
        }
      }
    }
  }

  if (errors.length) {
    errors.sort((a, b) => a.line - b.line)
    return { errors, plan: null }
  }

  // 4. Sponsors before recruits (a counting sort by depth), then ids, paths and downline counts.
  let minDepth = Infinity
  let maxDepth = 0
  for (let i = 0; i < n; i++) (minDepth = Math.min(minDepth, depth[i])), (maxDepth = Math.max(maxDepth, depth[i]))
  const buckets = new Int32Array(maxDepth - minDepth + 2)
  for (let i = 0; i < n; i++) buckets[depth[i] - minDepth + 1]++
  for (let d = 1; d < buckets.length; d++) buckets[d] += buckets[d - 1]
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[buckets[depth[i] - minDepth]++] = i

  // Ids in enrolment order (then file order), so a level of a downline lists its members as they joined.
  const ids = new Array<string>(n)
  const byEnrolment = Array.from({ length: n }, (_, i) => i).sort((a, b) => enrolled[a].getTime() - enrolled[b].getTime() || a - b)
  for (const i of byEnrolment) ids[i] = options.newId(enrolled[i])
  const paths = new Array<string>(n)
  for (const i of order) {
    const p = parent[i]
    paths[i] = p === -1 ? rootPath(ids[i]) : childPath(p === -2 ? existingSponsor[i]!.path : paths[p], ids[i])
  }
  const downline = new Int32Array(n)
  const joining = new Map<string, number>() // existing path -> members joining under it
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]
    const p = parent[i]
    if (p >= 0) downline[p] += downline[i] + 1
    else if (p === -2) joining.set(existingSponsor[i]!.path, (joining.get(existingSponsor[i]!.path) ?? 0) + downline[i] + 1)
  }
  // The existing sponsor and each of its ancestors gain everyone who joins under it.
  const increments = new Map<string, number>()
  for (const [path, delta] of joining) {
    for (const id of idsInPath(path)) increments.set(id, (increments.get(id) ?? 0) + delta)
  }

  const distributors: PlannedDistributor[] = Array.from(order, (i) => ({
    line: rows[i].line,
    id: ids[i],
    handle: handles[i],
    email: emails[i],
    display_name: names[i],
    status: statuses[i],
    enrolled_at: enrolled[i].toISOString(),
    sponsor_id: parent[i] === -1 ? null : parent[i] === -2 ? existingSponsor[i]!.id : ids[parent[i]],
    path: paths[i],
    depth: depth[i],
    downline_count: downline[i],
  }))
  const ancestor_increments = [...increments].map(([id, delta]) => ({ id, delta })).sort((a, b) => (a.id < b.id ? -1 : 1))
  return { errors: [], plan: { distributors, ancestor_increments } }
}

/**
 * Reads an import file: a header naming the columns (any order), then one distributor per line.
 * Returns the rows with their line numbers, or what is wrong with the file itself.
 */
export function parseImportCsv(text: string): { rows: ImportRow[]; problems: string[] } {
  let records: { record: Record<string, string>; info: { lines: number } }[]
  let header: string[] = []
  try {
    records = parse(text, {
      bom: true,
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: Record<string, string>; info: { lines: number } }[]
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    return { rows: [], problems: [`line ${lines ?? "?"}: ${(error as Error).message}`] }
  }
  const problems = checkImportHeader(header)
  if (problems.length) return { rows: [], problems }
  if (!records.length) return { rows: [], problems: ["the file has no rows below its header"] }
  return { rows: records.map(({ record, info }) => ({ ...record, line: info.lines })), problems: [] }
}
