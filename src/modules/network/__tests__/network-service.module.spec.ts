import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { NETWORK_MODULE } from ".."
import NetworkModuleService from "../service"
import { Distributor } from "../models/distributor"
import { NetworkSetting } from "../models/network-setting"
import { LARGE_IMPORT_ROWS } from "../import-writer"
import { ImportRow, planNetworkImport } from "../utils/import"
import { monotonicIdFactory } from "../../../lib/ids"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<NetworkModuleService>({
  moduleName: NETWORK_MODULE,
  resolve: path.join(__dirname, ".."),
  moduleModels: [Distributor, NetworkSetting],
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const enroll = (handle: string, sponsor_id: string | null = null) =>
      service.enrollDistributor({ handle, display_name: handle, customer_id: `cus_${handle}`, sponsor_id })

    /** a -> b -> c -> d, and a -> e */
    async function chain() {
      const a = await enroll("aaa")
      const b = await enroll("bbb", a.id)
      const c = await enroll("ccc", b.id)
      const d = await enroll("ddd", c.id)
      const e = await enroll("eee", a.id)
      return { a, b, c, d, e }
    }

    it("stores the ancestry of every enrolment", async () => {
      const { a, b, d } = await chain()
      expect(a).toMatchObject({ path: `${a.id}/`, depth: 0, sponsor_id: null })
      expect(b).toMatchObject({ path: `${a.id}/${b.id}/`, depth: 1, sponsor_id: a.id })
      expect(d.depth).toBe(3)
    })

    it("answers a cart's referral as it was before each visit (what the workflow's compensation restores)", async () => {
      const { a, b } = await chain()
      const first = await service.recordCartReferral({ cart_id: "cart_x", distributor_id: a.id, handle: "aaa", policy: "last_touch" })
      expect(first.before).toBeNull()
      expect(first.referral).toMatchObject({ cart_id: "cart_x", distributor_id: a.id, handle: "aaa", source: "link" })
      const second = await service.recordCartReferral({ cart_id: "cart_x", distributor_id: b.id, handle: "bbb", policy: "last_touch" })
      expect(second.before).toMatchObject({ id: first.referral.id, distributor_id: a.id, handle: "aaa" })
      expect(second.before!.touches.map((t) => t.handle)).toEqual(["aaa"])
      expect(second.referral).toMatchObject({ id: first.referral.id, distributor_id: b.id, handle: "bbb" })
      expect(second.referral.touches.map((t) => t.handle)).toEqual(["aaa", "bbb"])
    })

    it("names, of a batch of orders, those an attribution, a cart referral, a binding or a distributor buyer could credit", async () => {
      const { a, b } = await chain()
      await service.recordCartReferral({ cart_id: "cart_ref", distributor_id: a.id, handle: "aaa", policy: "last_touch" })
      await service.bindCustomer({ customer_id: "cus_bound", distributor_id: b.id, source: "order" })
      await service.attributeOrder({ order_id: "order_attr", cart_id: null, customer_id: null, distributor_id: a.id, source: "link", referral_handle: "aaa" })
      const leads = await service.listOrdersWithAttributionLeads([
        { order_id: "order_attr", cart_id: null, customer_id: null },
        { order_id: "order_ref", cart_id: "cart_ref", customer_id: "cus_guest" },
        { order_id: "order_bound", cart_id: "cart_other", customer_id: "cus_bound" },
        { order_id: "order_self", cart_id: null, customer_id: "cus_ccc" },
        { order_id: "order_plain", cart_id: "cart_plain", customer_id: "cus_nobody" },
        { order_id: "order_bare", cart_id: null, customer_id: null },
      ])
      expect([...leads].sort()).toEqual(["order_attr", "order_bound", "order_ref", "order_self"])
      expect(await service.listOrdersWithAttributionLeads([])).toEqual(new Set())
    })

    it("answers the upline nearest sponsor first, with the distributor at level 0 when asked", async () => {
      const { a, d } = await chain()
      const upline = await service.listUpline(d.id)
      expect(upline.map((u) => [u.handle, u.level])).toEqual([
        ["ccc", 1],
        ["bbb", 2],
        ["aaa", 3],
      ])
      const withSelf = await service.listUpline(d.id, { includeSelf: true })
      expect(withSelf.map((u) => [u.handle, u.level])).toEqual([
        ["ddd", 0],
        ["ccc", 1],
        ["bbb", 2],
        ["aaa", 3],
      ])
      expect((await service.listUpline(a.id, { includeSelf: true })).map((u) => [u.handle, u.level])).toEqual([["aaa", 0]])
      expect(await service.listUpline("mlmdist_unknown", { includeSelf: true })).toEqual([])
    })

    it("pages the downline level by level, with a depth limit and a total", async () => {
      const { a, b, d, e } = await chain()
      const all = await service.listDownline(a.id, { limit: 10, offset: 0 })
      expect(all.count).toBe(4)
      expect(all.members.map((m) => [m.handle, m.level, m.sponsor_handle])).toEqual([
        ["bbb", 1, "aaa"],
        ["eee", 1, "aaa"],
        ["ccc", 2, "bbb"],
        ["ddd", 3, "ccc"],
      ])
      const frontline = await service.listDownline(a.id, { maxDepth: 1, limit: 10, offset: 0 })
      expect(frontline.members.map((m) => [m.handle, m.level, m.sponsor_handle])).toEqual([
        ["bbb", 1, "aaa"],
        ["eee", 1, "aaa"],
      ])
      expect(frontline.count).toBe(2)
      expect(await service.listDownline(a.id, { maxDepth: 1, limit: 1, offset: 1 })).toMatchObject({ count: 2 })
      expect(await service.listDownline(a.id, { maxDepth: 1, limit: 1, offset: 5 })).toEqual({ members: [], count: 2, next_after: null })
      const page = await service.listDownline(a.id, { limit: 2, offset: 2 })
      expect(page).toMatchObject({ count: 4 })
      expect(page.members.map((m) => m.handle)).toEqual(["ccc", "ddd"])
      const beyond = await service.listDownline(a.id, { limit: 2, offset: 10 })
      expect(beyond).toEqual({ members: [], count: 4, next_after: null })
      expect((await service.listDownline(b.id, { limit: 10, offset: 0 })).count).toBe(2)
      // a member with nobody below: an empty page and a count of 0, with or without a depth limit
      expect(await service.listDownline(d.id, { limit: 10 })).toEqual({ members: [], count: 0, next_after: null })
      expect(await service.listDownline(d.id, { maxDepth: 1, limit: 10 })).toEqual({ members: [], count: 0, next_after: null })
      // a depth limit that cuts the team off counts the levels it keeps: bbb, eee, ccc
      expect((await service.listDownline(a.id, { maxDepth: 2, limit: 10 })).count).toBe(3)
      expect((await service.listDownline(a.id, { maxDepth: 3, limit: 10 })).count).toBe(4)
      // a limit above a team's last level, where the network goes deeper elsewhere: the maintained count
      await enroll("fff", e.id)
      expect(await service.listDownline(e.id, { maxDepth: 1, limit: 10 })).toMatchObject({ count: 1, members: [{ handle: "fff", level: 1 }] })
      expect((await service.listDownline(b.id, { maxDepth: 1, limit: 10 })).count).toBe(1)
      await expect(service.listDownline("mlmdist_unknown", { limit: 10 })).rejects.toThrow("Distributor mlmdist_unknown was not found")
      await expect(service.listDownline(b.id, { limit: 5, after: "nobody" })).rejects.toThrow("The cursor does not point into this team")
    })

    it("pages a downline by cursor across levels, and refuses a cursor from outside the team", async () => {
      const { a, b } = await chain()
      const seen: string[][] = []
      let after: string | null = null
      do {
        const page: Awaited<ReturnType<typeof service.listDownline>> = await service.listDownline(a.id, { limit: 1, after })
        expect(page.count).toBe(4)
        seen.push(page.members.map((m) => `${m.handle}:${m.level}`))
        after = page.next_after
      } while (after)
      expect(seen).toEqual([["bbb:1"], ["eee:1"], ["ccc:2"], ["ddd:3"], []])
      const two = await service.listDownline(a.id, { limit: 2, after: "eee" })
      expect(two.members.map((m) => m.handle)).toEqual(["ccc", "ddd"])
      expect((await service.listDownline(b.id, { limit: 5, maxDepth: 1, after: "ccc" })).members).toEqual([])
      await expect(service.listDownline(b.id, { limit: 5, after: "eee" })).rejects.toThrow("The cursor does not point into this team")
      await expect(service.listDownline(b.id, { limit: 5, after: "bbb" })).rejects.toThrow("The cursor does not point into this team")
    })

    it("counts frontline and downline of many distributors in one call", async () => {
      const { a, b, d } = await chain()
      expect(await service.countTeams([a.id, b.id, d.id])).toEqual({
        [a.id]: { frontline_count: 2, downline_count: 4 },
        [b.id]: { frontline_count: 1, downline_count: 2 },
        [d.id]: { frontline_count: 0, downline_count: 0 },
      })
    })

    it("moves a whole subtree and keeps every path in step with the sponsor chain", async () => {
      const { a, b, c, d, e } = await chain()
      const { moved, previous_sponsor_id } = await service.changeSponsor(b.id, e.id)
      expect(moved).toBe(3)
      expect(previous_sponsor_id).toBe(a.id)
      const [dAfter] = await service.listDistributors({ id: d.id })
      expect(dAfter).toMatchObject({ path: `${a.id}/${e.id}/${b.id}/${c.id}/${d.id}/`, depth: 4 })
      expect(await service.findPathInconsistencies()).toEqual([])

      await service.changeSponsor(c.id, null)
      const [cTop] = await service.listDistributors({ id: c.id })
      expect(cTop).toMatchObject({ path: `${c.id}/`, depth: 0, sponsor_id: null })
      expect(await service.findPathInconsistencies()).toEqual([])
    })

    it("moves a team's group volume with the team: GV follows the current tree after a sponsor move", async () => {
      const { a, b, c, d, e } = await chain()
      const activity = { min_pv: 50, window_days: 30 }
      const day = 20_000 // 2024-10-04
      const add = (id: string, delta: string, on = day) =>
        service.applyOrderVolume({ distributor_id: id, day: on, month: "2024-10", delta, activity, today: day })
      await add(d.id, "50")
      await add(c.id, "20.5")
      await add(b.id, "10", day - 3)
      await add(e.id, "5")
      const gv = async () => {
        const facts = await service.readVolumeFacts([a.id, b.id, c.id, d.id, e.id], day, 30)
        return Object.fromEntries([a, b, c, d, e].map((x) => [x.handle, [facts[x.id].pv, facts[x.id].gv, facts[x.id].active_legs]]))
      }
      // a -> b -> c -> d, a -> e: PV stays with its owner, GV adds up the team; only d (50 PV >= 50)
      // is active, so a, b and c have one active leg each: [pv, gv, active legs]
      expect(await gv()).toEqual({
        aaa: ["0", "85.5", 1],
        bbb: ["10", "80.5", 1],
        ccc: ["20.5", "70.5", 1],
        ddd: ["50", "50", 0],
        eee: ["5", "5", 0],
      })
      const months = async (id: string) => (await service.listMonthlyVolume(id)).map((m) => [m.month, m.pv, m.gv])
      expect(await months(a.id)).toEqual([["2024-10", 0, 85.5]])

      // b's whole team (b, c, d) moves under e: e gains its 80.5 GV and its active leg; a keeps both through e
      await service.changeSponsor(b.id, e.id)
      expect(await gv()).toEqual({
        aaa: ["0", "85.5", 1],
        bbb: ["10", "80.5", 1],
        ccc: ["20.5", "70.5", 1],
        ddd: ["50", "50", 0],
        eee: ["5", "85.5", 1],
      })
      // c's team (c, d) moves to the top: it leaves e, b and a, day by day and month by month
      await service.changeSponsor(c.id, null)
      expect(await gv()).toEqual({
        aaa: ["0", "15", 0],
        bbb: ["10", "10", 0],
        ccc: ["20.5", "70.5", 1],
        ddd: ["50", "50", 0],
        eee: ["5", "15", 0],
      })
      expect(await months(a.id)).toEqual([["2024-10", 0, 15]])
      expect(await months(c.id)).toEqual([["2024-10", 20.5, 70.5]])
    })

    it("maintains downline counts on enrolment, move and removal of a failed enrolment", async () => {
      const { a, b, c, d, e } = await chain()
      const stored = async () =>
        Object.fromEntries(
          ((await service.listDistributors({ id: [a.id, b.id, c.id, d.id, e.id] })) as any[]).map((x) => [x.handle, x.downline_count])
        )
      expect(await stored()).toEqual({ aaa: 4, bbb: 2, ccc: 1, ddd: 0, eee: 0 })
      await service.changeSponsor(c.id, e.id)
      expect(await stored()).toEqual({ aaa: 4, bbb: 0, ccc: 1, ddd: 0, eee: 2 })
      await service.removeEnrollment(d.id)
      expect(await stored()).toMatchObject({ aaa: 3, ccc: 0, eee: 1 })
      expect(await service.findPathInconsistencies()).toEqual([])
    })

    it("refuses a move under oneself or one's own downline", async () => {
      const { b, d } = await chain()
      await expect(service.changeSponsor(b.id, b.id)).rejects.toThrow("A distributor cannot sponsor themself")
      await expect(service.changeSponsor(b.id, d.id)).rejects.toThrow(
        "The new sponsor is in this distributor's downline: the move would create a cycle"
      )
      expect(await service.findPathInconsistencies()).toEqual([])
    })

    it("refuses an enrolment or a move that would go more than 80 levels below the top, before writing", async () => {
      // a line of 81: lvl-0 at the top down to lvl-80, 80 levels below it (MAX_NETWORK_DEPTH)
      const line = [await enroll("lvl-0")]
      for (let i = 1; i <= 80; i++) line.push(await enroll(`lvl-${i}`, line[i - 1].id))
      expect(line[80].depth).toBe(80)
      await expect(enroll("too-deep", line[80].id)).rejects.toThrow(
        "The sponsor is 80 levels below the top of the network, the deepest the network goes: no one can join under them"
      )
      // a pair (top + recruit) under lvl-79 would put the recruit at 81; a single leaf fits at 80
      const pairTop = await enroll("pair-top")
      const pairKid = await enroll("pair-kid", pairTop.id)
      await expect(service.changeSponsor(pairTop.id, line[79].id)).rejects.toThrow(
        "The move would put part of this team more than 80 levels below the top of the network, the deepest it goes"
      )
      // the top of the line itself under pair-kid: everyone would move 2 levels down
      await expect(service.changeSponsor(line[0].id, pairKid.id)).rejects.toThrow("more than 80 levels below the top")
      expect((await service.changeSponsor(pairKid.id, line[79].id)).distributor.depth).toBe(80)
      // moving up is always allowed: lvl-40 .. lvl-80 and pair-kid
      expect((await service.changeSponsor(line[40].id, null)).moved).toBe(42)
      expect((await service.listDistributors({ handle: "lvl-80" }))[0].depth).toBe(40)
      expect(await service.findPathInconsistencies()).toEqual([])
    })

    it("enforces one distributor per customer and unique handles in the database", async () => {
      await enroll("aaa")
      await expect(
        service.enrollDistributor({ handle: "aaa", display_name: "x", customer_id: "cus_other" })
      ).rejects.toThrow("Mlm distributor with handle: aaa, already exists.")
      await expect(
        service.enrollDistributor({ handle: "zzz", display_name: "x", customer_id: "cus_aaa" })
      ).rejects.toThrow("Mlm distributor with customer_id: cus_aaa, already exists.")
    })

    it("keeps settings by key", async () => {
      expect(await service.getSetting("member_group_id")).toBeNull()
      await service.setSetting("member_group_id", "cusgroup_1")
      await service.setSetting("member_group_id", "cusgroup_2")
      expect(await service.getSetting("member_group_id")).toBe("cusgroup_2")
    })

    it("hands a lease to one owner at a time, takes back an expired one, and releases only the holder's", async () => {
      const lease = (owner: string, ttl_seconds = 60) => service.tryAcquireLease({ name: "price-list", owner, ttl_seconds })
      expect(await lease("worker-a")).toBe(true)
      expect(await Promise.all([lease("worker-b"), lease("worker-c")])).toEqual([false, false])
      expect(await lease("worker-a")).toBe(true) // the holder renews
      expect(await service.releaseLease({ name: "price-list", owner: "worker-b" })).toBe(false)
      expect(await service.releaseLease({ name: "price-list", owner: "worker-a" })).toBe(true)
      expect(await lease("worker-b", 0)).toBe(true) // held for 0 s: lapsed as soon as it is taken
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(await lease("worker-c")).toBe(true)
      expect(await lease("worker-b")).toBe(false)
      expect(await service.releaseLease({ name: "price-list", owner: "worker-b" })).toBe(false)
    })

    describe("a large import (LARGE_IMPORT_ROWS rows into a smaller network)", () => {
      const sql = (query: string) => MikroOrmWrapper.forkManager().execute(query) as Promise<any[]>
      /** The tables' indexes and constraints, as PostgreSQL describes them. */
      const schema = async () => ({
        indexes: await sql(
          `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('mlm_distributor', 'mlm_customer_binding') ORDER BY indexname`
        ),
        constraints: await sql(
          `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE conrelid IN ('mlm_distributor'::regclass, 'mlm_customer_binding'::regclass) ORDER BY conname`
        ),
      })
      /** LARGE_IMPORT_ROWS members in a binary tree under the existing 'aaa' (imp-0 its frontline). */
      async function planUnderAaa() {
        const a = (await service.retrieveDistributorByHandle("aaa"))!
        const rows: ImportRow[] = Array.from({ length: LARGE_IMPORT_ROWS }, (_, i) => ({
          line: i + 2,
          handle: `imp-${i}`,
          email: `imp-${i}@example.com`,
          sponsor_handle: i === 0 ? "aaa" : `imp-${Math.floor((i - 1) / 2)}`,
        }))
        const nextId = monotonicIdFactory("dist")
        const { errors, plan } = planNetworkImport(
          rows,
          { distributors: new Map([["aaa", { id: a.id, path: a.path, depth: a.depth }]]), enrolled_emails: new Map() },
          { now: new Date(), newId: (at) => nextId(at.getTime()) }
        )
        expect(errors).toEqual([])
        return { a, plan: plan! }
      }

      it.each([
        ["an empty binding table (the bindings copied straight in)", false],
        ["a customer bound already, who keeps that binding", true],
      ])("sets the indexes and the sponsor key aside, writes, and builds them again exactly as they were: %s", async (_, bound) => {
        const { e } = await chain()
        if (bound) await service.bindCustomer({ customer_id: "cus_imp-5", distributor_id: e.id, source: "order" })
        const before = await schema()
        const secondary = before.indexes.filter((i) => !i.indexname.endsWith("_pkey")).length
        expect(before.constraints.map((c) => c.conname)).toContain("mlm_distributor_sponsor_fk")
        const { a, plan } = await planUnderAaa()
        const customer_ids = Object.fromEntries(plan.distributors.map((d) => [d.email, `cus_${d.handle}`]))
        const done = await service.importNetwork({ plan, customer_ids, import_id: "mlmimp_large" })
        expect(done).toEqual({ written: LARGE_IMPORT_ROWS, rebuilt_indexes: secondary })
        expect(await schema()).toEqual(before)
        // aaa had b, c, d and e below it; every imported member joins its team
        expect((await service.retrieveDistributorByHandle("aaa"))!.downline_count).toBe(4 + LARGE_IMPORT_ROWS)
        expect((await service.retrieveDistributorByHandle("imp-0"))!).toMatchObject({ sponsor_id: a.id, depth: 1, downline_count: LARGE_IMPORT_ROWS - 1 })
        expect(await service.findPathInconsistencies()).toEqual([])
        const bindings = await sql(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE source = 'enrollment')::int AS enrolled FROM mlm_customer_binding WHERE customer_id LIKE 'cus_imp-%'`
        )
        expect(bindings).toEqual([{ n: LARGE_IMPORT_ROWS, enrolled: bound ? LARGE_IMPORT_ROWS - 1 : LARGE_IMPORT_ROWS }])
        const [imp5] = await sql(`SELECT d.handle FROM mlm_customer_binding b JOIN mlm_distributor d ON d.id = b.distributor_id WHERE b.customer_id = 'cus_imp-5'`)
        expect(imp5.handle).toBe(bound ? "eee" : "imp-2")
        // the rebuilt unique index and sponsor key hold again
        const again = await service
          .enrollDistributor({ handle: "imp-dup", display_name: "x", customer_id: "cus_imp-7", sponsor_id: a.id })
          .then(() => "enrolled", (e: Error) => e.message)
        expect(again).toBe("Mlm distributor with customer_id: cus_imp-7, already exists.")
        const orphan = await sql(`UPDATE mlm_distributor SET sponsor_id = 'dist_nobody' WHERE handle = 'imp-9'`).then(
          () => "updated",
          (e: Error) => e.message
        )
        expect(orphan).toContain("mlm_distributor_sponsor_fk")
      })

      it("writes nothing and keeps every index when building them again fails", async () => {
        await chain()
        const before = await schema()
        const { plan } = await planUnderAaa()
        // two members of the file given one customer: the rebuilt unique index on customer_id refuses it
        const customer_ids = Object.fromEntries(plan.distributors.map((d) => [d.email, d.handle === "imp-9" ? "cus_imp-8" : `cus_${d.handle}`]))
        const failed = await service.importNetwork({ plan, customer_ids, import_id: "mlmimp_bad" }).then(
          () => "imported",
          (e: Error) => e.message
        )
        expect(failed).toBe("Mlm distributor with customer_id: cus_imp-8, already exists.")
        expect(await schema()).toEqual(before)
        const [left] = await sql(`SELECT count(*)::int AS n FROM mlm_distributor WHERE handle LIKE 'imp-%'`)
        expect(left.n).toBe(0)
        expect((await service.retrieveDistributorByHandle("aaa"))!.downline_count).toBe(4)
      })
    })
  },
})
