/**
 * `npm run bench`: genealogy questions on a generated network of 1,000,000 distributors (30+ levels),
 * answered the plugin's way (the exact SQL of NetworkModuleService) and by a naive walk that asks
 * one query per level, side by side in one run. MLM_BENCH_SIZE changes the size; the network is
 * kept between runs (MLM_BENCH_REGENERATE=1 rebuilds it).
 */
import fs from "fs"
import path from "path"
import { ulid } from "ulid"
import { Client } from "pg"
import {
  COUNTED_DOWNLINE_SQL,
  DOWNLINE_SQL,
  TEAM_COUNTS_SQL,
  UPLINE_SQL,
  DistributorListFilters,
  toPgPlaceholders,
} from "../src/modules/network/queries"
import { NETWORK_MODULE } from "../src/modules/network"
import type NetworkModuleService from "../src/modules/network/service"
import { sponsorsById } from "../src/api/utils/network"
import { connect, measure, Measurement, applyMigrations, mulberry32, fmt, summarize, recordResults, bootModules } from "./lib"

const SIZE = Number(process.env.MLM_BENCH_SIZE || 1_000_000)
const SPINE = 40 // members reserved to hang a chain down to depth 30+ if the random tree is shallower
const BATCH = 10_000
const GENERATOR = `random-recursive-v6:${SIZE}`
// Pages per downline case: the p99 of 1,000 is the 10th slowest page, not the 3rd of 300.
const PAGE_RUNS = 1000

const FIRST_NAMES = `Ada Ben Cara Dev Eli Fay Gus Hana Ivo Jin Kai Lea Milo Nia Omar Pia Quin Rosa Sam Tia Uma Vic Wes Xia Yara Zed
  Amir Bea Cole Dana Emil Fern Gita Hugo Iris Jude Kira Luca Maya Noah Olga Pete Rhea Saul Tara Ugo Vera Will Yusuf Zoe`.split(/\s+/)
const LAST_NAMES = `Abbott Baker Castillo Dubois Eriksen Fischer Garcia Haddad Ito Jensen Kowalski Larsen Moreau Novak Okafor Petrov
  Quispe Rossi Schmidt Tanaka Umar Vargas Weber Xu Yilmaz Zhang Andersson Brennan Costa Dimitrov Evans Ferreira Gallo Horvat
  Ibrahim Jovanovic Keller Lindqvist Murphy Nakamura Olsen Popescu Reyes Santos Takahashi Varga Walsh Young Ziegler`.split(/\s+/)

type Generated = { ids: string[]; depth: Int32Array; parent: Int32Array; subtree: Int32Array }

/** Is the generated network of this size already in the database? */
export async function hasGeneratedNetwork(client: Client): Promise<boolean> {
  const { rows } = await client.query("SELECT to_regclass('mlm_network_setting') IS NOT NULL AS present")
  if (!rows[0].present) return false
  const found = await client.query("SELECT value FROM mlm_network_setting WHERE key = 'bench_network'")
  return found.rows[0]?.value === GENERATOR
}

/**
 * Fills mlm_distributor with the generated network (handles member-0 to member-N). `fresh` drops and
 * recreates the plugin's network tables from its first migration (the standalone bench DB);
 * `replace` replaces the rows in the existing tables (a full Medusa database); `append` adds the
 * generated tree beside the distributors already there (a demo, for the admin's browser test on
 * 1,000,000), with a customer per member when `customers` is set.
 */
export async function generate(
  client: Client,
  { mode = "fresh", customers = false }: { mode?: "fresh" | "replace" | "append"; customers?: boolean } = {}
): Promise<void> {
  console.log(`\nGenerating ${SIZE.toLocaleString("en")} distributors (random tree, at least 30 levels deep)`)
  if (mode === "fresh") {
    await client.query("DROP TABLE IF EXISTS mlm_distributor CASCADE")
    await client.query("DROP TABLE IF EXISTS mlm_network_setting CASCADE")
    await applyMigrations(client, "network", { reset: true })
  } else if (mode === "replace") {
    await client.query("DELETE FROM mlm_distributor")
    await client.query("DELETE FROM mlm_network_setting WHERE key = 'bench_network'")
  }

  // A random recursive tree (each newcomer joins a uniformly chosen earlier member: mean depth about
  // ln(n)), then, if it is not deep enough, a chain hung under its deepest member down to depth 30+.
  const random = mulberry32(42)
  const parent = new Int32Array(SIZE)
  const depth = new Int32Array(SIZE)
  let deepest = 0
  const chainFrom = (n: number) => {
    for (let i = 0; i < n; i++) {
      parent[i] = i === 0 ? -1 : Math.floor(random() * i)
      depth[i] = i === 0 ? 0 : depth[parent[i]] + 1
      if (depth[i] > depth[deepest]) deepest = i
    }
  }
  chainFrom(SIZE - SPINE)
  const missing = Math.max(0, 31 - depth[deepest])
  for (let i = SIZE - SPINE; i < SIZE; i++) {
    const inChain = i - (SIZE - SPINE) < missing
    parent[i] = inChain ? (i === SIZE - SPINE ? deepest : i - 1) : Math.floor(random() * i)
    depth[i] = depth[parent[i]] + 1
  }

  // Parents come before their recruits, so one backward pass gives every maintained downline count.
  const downline = new Int32Array(SIZE)
  for (let i = SIZE - 1; i > 0; i--) downline[parent[i]] += downline[i] + 1

  const ids: string[] = new Array(SIZE)
  const paths: string[] = new Array(SIZE)
  const started = Date.now()
  type Batch = {
    id: string[]; handle: string[]; name: string[]; sponsor: (string | null)[]; path: string[]; depth: number[]
    status: string[]; downline: number[]; enrolled: number[]
  }
  const empty = (): Batch => ({ id: [], handle: [], name: [], sponsor: [], path: [], depth: [], status: [], downline: [], enrolled: [] })
  // Enrolments spread over six years in recruitment order (sponsors enrol before their recruits).
  const secondsApart = (6 * 365 * 24 * 3600) / SIZE
  let batch = empty()
  const flush = async () => {
    if (!batch.id.length) return
    await client.query(
      `INSERT INTO mlm_distributor (id, handle, display_name, status, sponsor_id, customer_id, enrolled_at, path, depth,
         downline_count, created_at, updated_at)
       SELECT id, handle, name, status, sponsor, 'cus_' || id, timestamptz '2020-01-01T00:00:00Z' + make_interval(secs => enrolled),
              path, depth, downline, now(), now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::text[], $9::float8[])
           AS t(id, handle, sponsor, path, depth, status, downline, name, enrolled)`,
      [batch.id, batch.handle, batch.sponsor, batch.path, batch.depth, batch.status, batch.downline, batch.name, batch.enrolled]
    )
    if (customers) {
      // A guest customer per member (the e-mail search and the customer links resolve to it).
      await client.query(
        `INSERT INTO customer (id, email, first_name, last_name, has_account, created_at, updated_at)
         SELECT 'cus_' || id, handle || '@example.com', split_part(name, ' ', 1), split_part(name, ' ', 2), false, now(), now()
           FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, handle, name)`,
        [batch.id, batch.handle, batch.name]
      )
    }
    batch = empty()
  }
  for (let i = 0; i < SIZE; i++) {
    const id = `dist_${ulid()}`
    const p = parent[i]
    ids[i] = id
    paths[i] = p < 0 ? `${id}/` : `${paths[p]}${id}/`
    batch.id.push(id)
    batch.handle.push(`member-${i}`)
    batch.sponsor.push(p < 0 ? null : ids[p])
    batch.path.push(paths[i])
    batch.depth.push(depth[i])
    batch.status.push(random() < 0.05 ? "inactive" : "active")
    batch.downline.push(downline[i])
    batch.name.push(`${FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]}`)
    batch.enrolled.push(Math.round(i * secondsApart))
    if (batch.id.length === BATCH) {
      await flush()
      if ((i + 1) % 50_000 === 0) {
        const rate = Math.round((i + 1) / ((Date.now() - started) / 1000))
        process.stdout.write(`  ${(i + 1).toLocaleString("en").padStart(9)} / ${SIZE.toLocaleString("en")}  (${rate.toLocaleString("en")}/s)\n`)
      }
    }
  }
  await flush()
  await client.query(
    "INSERT INTO mlm_network_setting (id, key, value) VALUES ('mlmset_bench', 'bench_network', $1)",
    [GENERATOR]
  )
  // A live shop's autovacuum keeps the visibility map current; without it no scan is index-only.
  console.log("  VACUUM ANALYZE ...")
  await client.query("VACUUM ANALYZE mlm_distributor")
  if (customers) await client.query("VACUUM ANALYZE customer")
  console.log(`  generated in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

async function load(client: Client): Promise<Generated> {
  const { rows } = await client.query(
    "SELECT id, sponsor_id, depth FROM mlm_distributor ORDER BY depth, id"
  )
  const index = new Map<string, number>()
  const ids: string[] = new Array(rows.length)
  const depth = new Int32Array(rows.length)
  const parent = new Int32Array(rows.length)
  rows.forEach((row, i) => {
    index.set(row.id, i)
    ids[i] = row.id
    depth[i] = row.depth
  })
  rows.forEach((row, i) => (parent[i] = row.sponsor_id ? index.get(row.sponsor_id)! : -1))
  const subtree = new Int32Array(rows.length)
  for (let i = rows.length - 1; i >= 0; i--) if (parent[i] >= 0) subtree[parent[i]] += subtree[i] + 1
  return { ids, depth, parent, subtree }
}

async function naiveUpline(client: Client, id: string) {
  const upline: Record<string, unknown>[] = []
  let { rows } = await client.query("SELECT id, sponsor_id FROM mlm_distributor WHERE id = $1", [id])
  let sponsorId = rows[0]?.sponsor_id
  while (sponsorId) {
    ;({ rows } = await client.query(
      "SELECT id, handle, display_name, status, depth, sponsor_id FROM mlm_distributor WHERE id = $1",
      [sponsorId]
    ))
    upline.push(rows[0])
    sponsorId = rows[0].sponsor_id
  }
  return upline
}

async function naiveDownlineCount(client: Client, id: string) {
  let frontier = [id]
  let total = 0
  while (frontier.length) {
    const { rows } = await client.query("SELECT id FROM mlm_distributor WHERE sponsor_id = ANY($1::text[])", [frontier])
    total += rows.length
    frontier = rows.map((r) => r.id)
  }
  return total
}

/**
 * One downline page as GET /store/mlm/me/downline reads it: NetworkModuleService.listDownline on the
 * booted module, over Medusa's own connection (knex over pg), as in a Medusa server. A plain pg
 * client's promise API is not that path: with it, 40% of what a page allocates outlived the next
 * minor GC, whose pauses took 6-28 ms, against about 1 ms through knex (2026-12-07, 4,000 pages).
 */
export async function downlinePage(network: NetworkModuleService, rootId: string, maxDepth: number | undefined, limit: number, after: string | null) {
  const page = await network.listDownline(rootId, { maxDepth, limit, after })
  return { rows: page.members, count: page.count, next: page.next_after }
}

/**
 * PostgreSQL's own time for downline pages (EXPLAIN ANALYZE of the page's statement, planning plus
 * execution, TIMING OFF so no per-node clock is read), p50/p99 over `runs` after 20 warm-up pages.
 * `page(i)` gives the root and the depth limit of run i.
 */
async function serverPageTimes(client: Client, name: string, runs: number, page: (i: number) => [string, number | undefined]): Promise<Measurement> {
  const explain = `EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ${toPgPlaceholders(DOWNLINE_SQL)}`
  const times: number[] = []
  for (let i = -20; i < runs; i++) {
    const [rootId, maxDepth] = page(Math.max(i, 0))
    const { rows } = await client.query(explain, [rootId, null, maxDepth ?? null, 50, 0])
    const [plan] = rows[0]["QUERY PLAN"]
    if (i >= 0) times.push(plan["Planning Time"] + plan["Execution Time"])
  }
  return summarize(name, times.sort((a, b) => a - b))
}

/** Runs knex-style SQL on a pg client (the executor the plugin's shared readers and writers take). */
export const pgExecutor = (client: Client) => async <T = Record<string, any>>(sql: string, params: unknown[] = []) =>
  (await client.query(toPgPlaceholders(sql), params)).rows as T[]

/**
 * One admin list page with the reads GET /admin/mlm/distributors makes, on the booted module:
 * NetworkModuleService.listDistributorPage, then the page's sponsors and team counts side by side.
 */
export async function adminListPage(network: NetworkModuleService, filters: DistributorListFilters, limit: number, offset: number) {
  const page = await network.listDistributorPage(filters, { limit, offset })
  await Promise.all([sponsorsById(network, page.distributors), network.countTeams(page.distributors.map((d) => d.id))])
  return page
}

/** The admin list's pages and searches, as GET /admin/mlm/distributors answers them. */
async function benchAdminList(network: NetworkModuleService, size: number, root: string): Promise<Measurement[]> {
  console.log("\nAdmin distributor list (50 per page, as GET /admin/mlm/distributors answers it, count included)")
  const all = await adminListPage(network, {}, 50, 0)
  if (all.count !== size || all.distributors.length !== 50) throw new Error(`admin list count ${all.count} is not the network's size`)
  const named = await adminListPage(network, { q: "member-123456" }, 50, 0)
  if (named.distributors[0]?.handle !== "member-123456") throw new Error("admin search did not find member-123456")
  const searches = ["member-4242", "zoe zhang", "tanaka", "ada", "ibrahim", "kira l", "member-99999", "nobody-here"]
  return [
    await measure("first page, no filter", 300, 20, () => adminListPage(network, {}, 50, 0)),
    await measure("page 200 (offset 9,950), no filter", 300, 20, () => adminListPage(network, {}, 50, 9_950)),
    await measure("status=inactive, first page", 300, 20, () => adminListPage(network, { status: "inactive" }, 50, 0)),
    await measure("frontline of the root (sponsor_id)", 300, 20, () => adminListPage(network, { sponsor_id: root }, 50, 0)),
    await measure("search q (handle or name fragment, 8 kinds)", 800, 20, (i) =>
      adminListPage(network, { q: searches[i % searches.length] }, 50, 0)
    ),
    await measure("search q + status=active", 300, 20, (i) =>
      adminListPage(network, { q: searches[i % searches.length], status: "active" }, 50, 0)
    ),
  ]
}

async function main() {
  const database = process.env.MLM_BENCH_DB || "mlm_bench"
  const client = await connect(database)
  const { rows: existing } = await client.query(
    "SELECT to_regclass('mlm_distributor') IS NOT NULL AS present"
  )
  if (process.env.MLM_BENCH_REGENERATE || !existing[0].present || !(await hasGeneratedNetwork(client))) await generate(client)
  else console.log(`\nReusing the generated network (${GENERATOR}; MLM_BENCH_REGENERATE=1 rebuilds it)`)
  // Columns, tables and indexes added since the network was generated (each migration once).
  await applyMigrations(client, "network")
  await client.query("ANALYZE mlm_distributor")
  // The plugin's reads go through the network module itself, as the routes' do.
  const { network, shutdown } = await bootModules(database, NETWORK_MODULE)

  if (process.env.MLM_BENCH_ONLY === "admin-list") {
    // A quick re-run of one section (the network's size and root from two reads, not the whole tree).
    const { rows } = await client.query("SELECT id, downline_count FROM mlm_distributor WHERE depth = 0 AND deleted_at IS NULL")
    const lists = await benchAdminList(network, Number(rows[0].downline_count) + 1, rows[0].id)
    recordResults("network_admin_list", { admin_list_p99_ms: Math.max(...lists.map((m) => m.p99)), results: lists })
    await shutdown()
    await client.end()
    return
  }
  const tree = await load(client)
  const maxDepth = tree.depth.reduce((m, d) => Math.max(m, d), 0)
  const meanDepth = tree.depth.reduce((s, d) => s + d, 0) / tree.depth.length
  console.log(`Network: ${tree.ids.length.toLocaleString("en")} distributors, max depth ${maxDepth}, mean depth ${meanDepth.toFixed(1)}`)

  const random = mulberry32(7)
  const atDepth = (d: number, n: number) => {
    const candidates: string[] = []
    for (let i = 0; i < tree.ids.length; i++) if (tree.depth[i] === d) candidates.push(tree.ids[i])
    return Array.from({ length: Math.min(n, candidates.length) }, () => candidates[Math.floor(random() * candidates.length)])
  }
  const depth10 = atDepth(10, 200)
  const depth30 = atDepth(30, 200)
  const root = tree.ids[0]
  // "Mid-tree": the leader with the largest team among the distributors at depth 5.
  let mid = -1
  for (let i = 0; i < tree.ids.length; i++) {
    if (tree.depth[i] === 5 && (mid < 0 || tree.subtree[i] > tree.subtree[mid])) mid = i
  }
  const midId = tree.ids[mid]
  console.log(`Mid-tree distributor: depth ${tree.depth[mid]}, downline ${tree.subtree[mid].toLocaleString("en")}; root downline ${tree.subtree[0].toLocaleString("en")}`)

  const upline = toPgPlaceholders(UPLINE_SQL)
  const teamCounts = toPgPlaceholders(TEAM_COUNTS_SQL)
  const results: Measurement[] = []
  const pairs: [string, Measurement, Measurement][] = []

  // MLM_BENCH_ONLY=downline: only the downline pages and the admin list (no naive walks: minutes less)
  const pagesOnly = process.env.MLM_BENCH_ONLY === "downline"
  if (!pagesOnly) {
    // Correctness first: both ways must agree, or the comparison means nothing.
    const plugins = (await client.query(upline, [depth30[0]])).rows.map((r) => r.id)
    const naives = (await naiveUpline(client, depth30[0])).map((r: any) => r.id)
    if (plugins.join() !== naives.join() || plugins.length !== 30) throw new Error("upline answers disagree")
    const pluginMidCount = Number((await client.query(teamCounts, [midId])).rows[0].downline_count)
    const scannedMidCount = Number((await client.query(toPgPlaceholders(COUNTED_DOWNLINE_SQL), [midId])).rows[0].downline_count)
    if (pluginMidCount !== (await naiveDownlineCount(client, midId)) || pluginMidCount !== tree.subtree[mid] || scannedMidCount !== pluginMidCount) {
      throw new Error("downline counts disagree")
    }

    console.log("\nUpline (all ancestors of one distributor)")
    for (const [label, targets] of [["depth 10", depth10], ["depth 30", depth30]] as const) {
      const plugin = await measure(`plugin: one query over stored ancestry, ${label}`, 1000, 50, (i) =>
        client.query(upline, [targets[i % targets.length]])
      )
      const naive = await measure(`naive: one query per level, ${label}`, 300, 20, (i) =>
        naiveUpline(client, targets[i % targets.length])
      )
      results.push(plugin, naive)
      pairs.push([`upline ${label}`, plugin, naive])
    }

    console.log("\nTeam counts (frontline + whole downline, as GET /store/mlm/me answers them)")
    const countedDownline = toPgPlaceholders(COUNTED_DOWNLINE_SQL)
    for (const [label, id, runs, naiveRuns] of [
      ["root", root, 15, 3],
      ["mid-tree", midId, 200, 30],
    ] as const) {
      const plugin = await measure(`plugin: maintained count, ${label}`, 1000, 20, () => client.query(teamCounts, [id]))
      const scan = await measure(`counted: path range scan, ${label}`, runs, 2, () => client.query(countedDownline, [id]))
      const naive = await measure(`naive: one query per level, ${label}`, naiveRuns, 1, () => naiveDownlineCount(client, id))
      results.push(plugin, scan, naive)
      pairs.push([`team count ${label} (vs range scan)`, plugin, scan])
      pairs.push([`team count ${label} (vs naive)`, plugin, naive])
    }
  }

  console.log("\nDownline pages (50 members, as GET /store/mlm/me/downline answers them, count included)")
  // A page deep into the root's team: follow the cursor 20 pages in, then measure the next pages from there.
  let deepCursor: string | null = null
  for (let i = 0; i < 20; i++) deepCursor = (await downlinePage(network, root, 100, 50, deepCursor)).next
  const anyMembers = Array.from({ length: 400 }, () => tree.ids[Math.floor(random() * tree.ids.length)])
  const depthFilters = [undefined, 1, 2, 3, 5, 10, 100]
  // The page's count is the team's size: the maintained counter, or the kept levels when cut off.
  if ((await downlinePage(network, midId, 100, 50, null)).count !== tree.subtree[mid]) throw new Error("downline page count disagrees")
  let keptMid = 0 // the mid-tree leader's members at most 3 levels below, counted from the generated tree
  for (let i = 0; i < tree.ids.length; i++) {
    const below = tree.depth[i] - tree.depth[mid]
    if (below < 1 || below > 3) continue
    let up = i
    for (let k = 0; k < below; k++) up = tree.parent[up]
    if (up === mid) keptMid++
  }
  if ((await downlinePage(network, midId, 3, 50, null)).count !== keptMid) throw new Error("depth-limited downline count disagrees")
  // This machine's floor: a statement that does nothing, over the same connection. Every read's p99
  // here includes the pauses it shows, whatever the read itself costs.
  const floor = await measure("no-op round trip (SELECT 1): the machine's floor", 1000, 20, () => client.query("SELECT 1"))
  const pageRoot = await measure("root, depth=100, first page", PAGE_RUNS, 20, () => downlinePage(network, root, 100, 50, null))
  const pageRootDeep = await measure("root, depth=100, page 21 by cursor", PAGE_RUNS, 20, () => downlinePage(network, root, 100, 50, deepCursor))
  const pageRootAll = await measure("root, no depth filter, first page", PAGE_RUNS, 20, () => downlinePage(network, root, undefined, 50, null))
  const pageRoot3 = await measure("root, depth=3 (count of the kept levels)", PAGE_RUNS, 20, () => downlinePage(network, root, 3, 50, null))
  const pageMid = await measure("mid-tree leader, depth=100", PAGE_RUNS, 20, () => downlinePage(network, midId, 100, 50, null))
  const pageMid3 = await measure("mid-tree leader, depth=3", PAGE_RUNS, 20, () => downlinePage(network, midId, 3, 50, null))
  // The warm-up visits each of the 400 members once: the network (2.4 GB with its indexes) is far
  // larger than PostgreSQL's default 128 MB of shared buffers, so a member's first page after the
  // naive walks above reads its part of the indexes from the OS cache (p99 9.65 ms in one such run).
  const pageAny = await measure("any member (random), any depth filter (1-100 or none)", PAGE_RUNS, anyMembers.length, (i) =>
    downlinePage(network, anyMembers[i % anyMembers.length], depthFilters[i % depthFilters.length], 50, null)
  )
  results.push(floor, pageRoot, pageRootDeep, pageRootAll, pageRoot3, pageMid, pageMid3, pageAny)
  // The same pages as PostgreSQL itself times them (EXPLAIN ANALYZE's planning + execution time, no
  // per-node timing): what the page costs without the client, the network and their pauses.
  const serverRoot = await serverPageTimes(client, "PostgreSQL's own time: root, depth=100", 300, () => [root, 100])
  const serverMid = await serverPageTimes(client, "PostgreSQL's own time: mid-tree leader, depth=3", 300, () => [midId, 3])
  const serverAny = await serverPageTimes(client, "PostgreSQL's own time: any member, any depth filter", 1000, (i) => [
    anyMembers[i % anyMembers.length],
    depthFilters[i % depthFilters.length],
  ])
  results.push(serverRoot, serverMid, serverAny)

  const lists = await benchAdminList(network, tree.ids.length, root)
  results.push(...lists)
  const pageFigures = {
    downline_page_root_p99_ms: Math.max(pageRoot.p99, pageRootDeep.p99, pageRootAll.p99),
    downline_page_mid_p99_ms: Math.max(pageMid.p99, pageMid3.p99),
    downline_page_any_p99_ms: pageAny.p99,
    downline_page_root_depth3_p99_ms: pageRoot3.p99,
    noop_roundtrip_p99_ms: floor.p99,
    downline_page_server_p99_ms: Math.max(serverRoot.p99, serverMid.p99, serverAny.p99),
    admin_list_p99_ms: Math.max(...lists.map((m) => m.p99)),
  }
  if (pagesOnly) {
    recordResults("network_downline", { ...pageFigures, results })
    await shutdown()
    await client.end()
    return
  }

  console.log("\nRatios (naive p50 / plugin p50, measured side by side in this run)")
  for (const [label, plugin, naive] of pairs) {
    console.log(`  ${label.padEnd(40)} ${(naive.p50 / plugin.p50).toFixed(1).padStart(9)}x   (${fmt(plugin.p50)} vs ${fmt(naive.p50)})`)
  }

  const outDir = path.join(__dirname, "..", "bench-results")
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(
    path.join(outDir, "network.json"),
    JSON.stringify({ size: tree.ids.length, maxDepth, meanDepth, midDownline: tree.subtree[mid], results }, null, 2)
  )
  const byName = (name: string) => results.find((r) => r.name === name)!
  recordResults("network", {
    network_size: tree.ids.length,
    max_depth: maxDepth,
    mean_depth: meanDepth,
    upline_depth30_p99_ms: byName("plugin: one query over stored ancestry, depth 30").p99,
    upline_depth30_naive_ratio: byName("naive: one query per level, depth 30").p50 / byName("plugin: one query over stored ancestry, depth 30").p50,
    team_count_p99_ms: Math.max(byName("plugin: maintained count, root").p99, byName("plugin: maintained count, mid-tree").p99),
    ...pageFigures,
    results,
  })
  await shutdown()
  await client.end()
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
