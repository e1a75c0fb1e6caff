import fc from "fast-check"
import { ExistingNetwork, ImportRow, parseImportCsv, planNetworkImport } from "../utils/import"
import { LARGE_IMPORT_ROWS, setsAside } from "../import-writer"

const NOW = new Date("2026-11-24T12:00:00Z")
let counter = 0
const options = () => ({ now: NOW, newId: () => `dist_${String(++counter).padStart(6, "0")}`, reserved: ["boss"] })
const none: ExistingNetwork = { distributors: new Map(), enrolled_emails: new Map() }
const row = (line: number, handle: string, sponsor = "", extra: Partial<ImportRow> = {}): ImportRow => ({
  line,
  handle,
  email: `${handle}@example.com`,
  sponsor_handle: sponsor,
  ...extra,
})

describe("parseImportCsv", () => {
  it("reads the columns in any order, with line numbers counting the header as line 1", () => {
    const { rows, problems } = parseImportCsv("email,handle,sponsor_handle\nann@x.io,ann,\n\nbob@x.io,bob,ann\n")
    expect(problems).toEqual([])
    expect(rows).toEqual([
      { line: 2, email: "ann@x.io", handle: "ann", sponsor_handle: "" },
      { line: 4, email: "bob@x.io", handle: "bob", sponsor_handle: "ann" },
    ])
  })

  it("names a missing, unknown or repeated column, and an unreadable line", () => {
    expect(parseImportCsv("handle,mail\nann,x\n").problems).toEqual([
      "unknown column 'mail' (the columns are handle, email, sponsor_handle, display_name, status, enrolled_at)",
      "column 'email' is missing",
    ])
    expect(parseImportCsv("handle,email\n").problems).toEqual(["the file has no rows below its header"])
    expect(parseImportCsv("handle,email\nann,a@x.io,extra\n").problems[0]).toMatch(/^line 2: /)
  })
})

describe("planNetworkImport", () => {
  it("reports every invalid row by line with its reason, and plans nothing", () => {
    const existing: ExistingNetwork = {
      distributors: new Map([["taken", { id: "dist_T", path: "dist_T/", depth: 0 }]]),
      enrolled_emails: new Map([["old@example.com", "oldie"]]),
    }
    const rows: ImportRow[] = [
      row(2, "ann"),
      row(3, "Ann"), // duplicate (case-insensitive)
      row(4, "boss"), // reserved by the shop
      row(5, "x"), // too short
      row(6, "taken"),
      row(7, "cat", "nobody"),
      row(8, "dan", "eve"),
      row(9, "eve", "dan"),
      row(10, "fay", "dan"), // below a cycle
      row(11, "gus", "gus"),
      row(12, "hal", "", { email: "ann@example.com" }),
      row(13, "ivy", "", { email: "not-an-email" }),
      row(14, "jon", "", { email: "OLD@example.com" }),
      row(15, "kim", "", { status: "gold" }),
      row(16, "lee", "", { enrolled_at: "2027-01-01" }),
      row(17, "max", "", { enrolled_at: "yesterday" }),
      row(18, "ned", "cat"), // orphan: its sponsor's sponsor is unknown
    ]
    const { errors, plan } = planNetworkImport(rows, existing, options())
    expect(plan).toBeNull()
    expect(errors).toEqual([
      { line: 3, handle: "ann", reason: "duplicate handle 'ann' (first on line 2)" },
      { line: 3, handle: "ann", reason: "duplicate email 'ann@example.com' (first on line 2)" },
      { line: 4, handle: "boss", reason: "handle 'boss' is reserved" },
      { line: 5, handle: "x", reason: "handle must be at least 3 characters long" },
      { line: 6, handle: "taken", reason: "handle 'taken' is already taken" },
      { line: 7, handle: "cat", reason: "unknown sponsor 'nobody'" },
      { line: 8, handle: "dan", reason: "cycle: 'dan' (line 8) → 'eve' (line 9) → 'dan' (line 8)" },
      { line: 9, handle: "eve", reason: "cycle: 'dan' (line 8) → 'eve' (line 9) → 'dan' (line 8)" },
      { line: 10, handle: "fay", reason: "orphan: its sponsor 'dan' (line 8) cannot be imported" },
      { line: 11, handle: "gus", reason: "cycle: 'gus' sponsors itself" },
      { line: 12, handle: "hal", reason: "duplicate email 'ann@example.com' (first on line 2)" },
      { line: 13, handle: "ivy", reason: "'not-an-email' is not an e-mail address" },
      { line: 14, handle: "jon", reason: "the customer old@example.com is already the distributor 'oldie'" },
      { line: 15, handle: "kim", reason: "status 'gold' is not one of active, inactive, terminated" },
      { line: 16, handle: "lee", reason: "enrolled_at 2027-01-01 is in the future" },
      { line: 17, handle: "max", reason: "enrolled_at 'yesterday' is not an ISO 8601 date" },
      { line: 18, handle: "ned", reason: "orphan: its sponsor 'cat' (line 7) cannot be imported" },
    ])
  })

  it("places teams under existing distributors: paths, depths, counts and what the upline gains", () => {
    const existing: ExistingNetwork = {
      distributors: new Map([["top", { id: "dist_P", path: "dist_R/dist_P/", depth: 1 }]]),
      enrolled_emails: new Map(),
    }
    // Recruits listed before their sponsor: the plan still puts sponsors first.
    const rows = [
      row(2, "kid", "mom", { status: "Inactive", display_name: "Kid K.", enrolled_at: "2024-05-01" }),
      row(3, "mom", "top"),
      row(4, "solo"),
    ]
    const { errors, plan } = planNetworkImport(rows, existing, options())
    expect(errors).toEqual([])
    const byHandle = Object.fromEntries(plan!.distributors.map((d) => [d.handle, d]))
    expect(plan!.distributors.map((d) => d.handle)).toEqual(["solo", "mom", "kid"])
    expect(byHandle.mom).toMatchObject({ sponsor_id: "dist_P", depth: 2, downline_count: 1, display_name: "mom", status: "active" })
    expect(byHandle.mom.path).toBe(`dist_R/dist_P/${byHandle.mom.id}/`)
    expect(byHandle.kid).toMatchObject({ sponsor_id: byHandle.mom.id, depth: 3, downline_count: 0, status: "inactive", display_name: "Kid K." })
    expect(byHandle.kid.path).toBe(`${byHandle.mom.path}${byHandle.kid.id}/`)
    expect(byHandle.kid.enrolled_at).toBe("2024-05-01T00:00:00.000Z")
    expect(byHandle.solo).toMatchObject({ sponsor_id: null, depth: 0, path: `${byHandle.solo.id}/`, enrolled_at: NOW.toISOString() })
    expect(plan!.ancestor_increments).toEqual([
      { id: "dist_P", delta: 2 },
      { id: "dist_R", delta: 2 },
    ])
  })

  it("refuses rows deeper than MAX_NETWORK_DEPTH (80) levels below the top, counting an existing sponsor's depth", () => {
    // lvl-0 at the top, lvl-1 under it, ... lvl-81 is 81 levels below the top
    const chain = Array.from({ length: 82 }, (_, i) => row(i + 2, `lvl-${i}`, i ? `lvl-${i - 1}` : ""))
    const deep = planNetworkImport(chain, none, options())
    expect(deep.plan).toBeNull()
    expect(deep.errors).toEqual([{ line: 83, handle: "lvl-81", reason: "too deep: 81 levels below the top of the network; at most 80" }])
    expect(planNetworkImport(chain.slice(0, 81), none, options()).plan!.distributors.at(-1)).toMatchObject({ handle: "lvl-80", depth: 80 })
    // under an existing distributor 79 levels down, a recruit is at 80 and theirs at 81
    const existing: ExistingNetwork = {
      distributors: new Map([["low", { id: "dist_L", path: "dist_L/", depth: 79 }]]),
      enrolled_emails: new Map(),
    }
    const under = planNetworkImport([row(2, "kid", "low"), row(3, "grandkid", "kid")], existing, options())
    expect(under.errors).toEqual([{ line: 3, handle: "grandkid", reason: "too deep: 81 levels below the top of the network; at most 80" }])
  })

  it("property: any random forest plans sponsors first, with paths, depths and counts that agree", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
        fc.integer(),
        (parents, seed) => {
          // Row i's sponsor is an earlier row (or none); then shuffle the file's order.
          const n = parents.length
          const sponsorOf = parents.map((p, i) => (i === 0 || p % 4 === 0 ? -1 : p % i))
          const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101))
          const rows = order.map((i, k) => row(k + 2, `m-${i}0`, sponsorOf[i] < 0 ? "" : `m-${sponsorOf[i]}0`))
          const { errors, plan } = planNetworkImport(rows, none, options())
          expect(errors).toEqual([])
          const seen = new Set<string>()
          const byId = new Map(plan!.distributors.map((d) => [d.id, d]))
          for (const d of plan!.distributors) {
            if (d.sponsor_id) {
              expect(seen.has(d.sponsor_id)).toBe(true) // sponsors first
              expect(d.path).toBe(`${byId.get(d.sponsor_id)!.path}${d.id}/`)
              expect(d.depth).toBe(byId.get(d.sponsor_id)!.depth + 1)
            } else expect(d.path).toBe(`${d.id}/`)
            seen.add(d.id)
            const below = plan!.distributors.filter((m) => m.id !== d.id && m.path.startsWith(d.path)).length
            expect(d.downline_count).toBe(below)
          }
          expect(plan!.distributors).toHaveLength(n)
        }
      ),
      { numRuns: 200 }
    )
  })

  it("property: a loop of sponsors anywhere is reported as a cycle on each of its rows, and nothing is planned", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 5 }), (loop, tail) => {
        const rows: ImportRow[] = []
        for (let i = 0; i < loop; i++) rows.push(row(rows.length + 2, `loop-${i}`, `loop-${(i + 1) % loop}`))
        for (let i = 0; i < tail; i++) rows.push(row(rows.length + 2, `tail-${i}`, i === 0 ? "loop-0" : `tail-${i - 1}`))
        const { errors, plan } = planNetworkImport(rows, none, options())
        expect(plan).toBeNull()
        expect(errors.filter((e) => e.reason.startsWith("cycle: "))).toHaveLength(loop)
        expect(errors.filter((e) => e.reason.startsWith("orphan: "))).toHaveLength(tail)
        expect(errors).toHaveLength(loop + tail)
      })
    )
  })
})

describe("setsAside", () => {
  it("sets a table's indexes aside only for a large import into a table no larger than the import", () => {
    expect(setsAside(LARGE_IMPORT_ROWS, 0)).toBe(true)
    expect(setsAside(1_000_000, 1_000_000)).toBe(true)
    expect(setsAside(LARGE_IMPORT_ROWS - 1, 0)).toBe(false)
    expect(setsAside(LARGE_IMPORT_ROWS, LARGE_IMPORT_ROWS + 1)).toBe(false)
    expect(setsAside(100_000, 5_000_000)).toBe(false)
  })
})
