import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders, registerCustomer } from "../../helpers/auth"
import { createPublishableKey, failure } from "../../helpers/store"
import { enrollThroughStore, networkService } from "../../helpers/network"
import { planNetworkImport } from "../../../src/modules/network/utils/import"
import { rootPath } from "../../../src/modules/network/utils/path"
import { isConflictError } from "../../../src/lib/errors"

jest.setTimeout(180_000)

const upload = (csv: string) => {
  const form = new FormData()
  form.append("file", new Blob([csv], { type: "text/csv" }), "network.csv")
  return form
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: { headers: Record<string, string> }
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      const container = getContainer()
      store = (await createPublishableKey(container)).headers
      admin = await createAdminHeaders(container)
    })

    describe("POST /admin/mlm/imports", () => {
      it("reports every bad row by line and writes nothing; then imports a valid file whole, counts and paths audited", async () => {
        const container = getContainer()
        const network = networkService(container)
        const customers = container.resolve(Modules.CUSTOMER)
        const anna = await enrollThroughStore(api, store, "anna")
        // A customer of the shop who is not yet a distributor: matched by e-mail (any case), not created again.
        await registerCustomer(api, store, { email: "known.buyer@example.com" })
        const customersBefore = (await customers.listCustomers({}, { take: null })).length

        const bad = [
          "handle,email,sponsor_handle,display_name,status,enrolled_at",
          "kid,kid@example.com,mom,Kid K.,inactive,2024-05-01", // line 2: orphan (its sponsor is invalid)
          "mom,mom@example.com,ghost,,,", // line 3: unknown sponsor
          "anna,someone@example.com,,,,", // line 4: handle already taken
          "admin,admin@example.com,,,,", // line 5: reserved
          "x1,y,,,,", // line 6: short handle, bad e-mail
        ].join("\n")
        const refused = await failure(api.post("/admin/mlm/imports", upload(bad), admin))
        expect(refused.status).toBe(400)
        expect(refused.data).toEqual({
          type: "invalid_data",
          message: "6 problem(s) in the file; nothing was imported",
          error_count: 6,
          errors: [
            { line: 2, handle: "kid", reason: "orphan: its sponsor 'mom' (line 3) cannot be imported" },
            { line: 3, handle: "mom", reason: "unknown sponsor 'ghost'" },
            { line: 4, handle: "anna", reason: "handle 'anna' is already taken" },
            { line: 5, handle: "admin", reason: "handle 'admin' is reserved" },
            { line: 6, handle: "x1", reason: "handle must be at least 3 characters long" },
            { line: 6, handle: "x1", reason: "'y' is not an e-mail address" },
          ],
        })
        expect((await network.listDistributors({}, { take: null })).map((d) => d.handle)).toEqual(["anna"])
        expect((await customers.listCustomers({}, { take: null })).length).toBe(customersBefore)

        const good = [
          "email,handle,sponsor_handle,display_name,status,enrolled_at",
          "kid@example.com,kid,mom,Kid K.,inactive,2024-05-01",
          'mom@example.com,mom,anna,"Mo \\ ""The Boss"" M.",,2023-01-15T09:30:00Z',
          "KNOWN.Buyer@example.com,known,mom,,,",
          "solo@example.com,solo,,,,",
        ].join("\n")
        const dry = await api.post("/admin/mlm/imports?dry_run=true", upload(good), admin)
        expect(dry.status).toBe(200)
        expect(dry.data.import).toMatchObject({ valid: true, dry_run: true, rows: 4, written: 0, errors: [] })
        expect((await network.listDistributors({}, { take: null })).length).toBe(1)

        const done = await api.post("/admin/mlm/imports", upload(good), admin)
        expect(done.status).toBe(201)
        expect(done.data.import).toEqual({
          import_id: expect.stringMatching(/^mlmimp_/),
          rows: 4,
          valid: true,
          dry_run: false,
          errors: [],
          written: 4,
          customers_matched: 1,
          customers_created: 3,
        })
        expect((await customers.listCustomers({}, { take: null })).length).toBe(customersBefore + 3)

        const all = await network.listDistributors({}, { take: null })
        const byHandle = Object.fromEntries(all.map((d) => [d.handle, d]))
        expect(byHandle.mom).toMatchObject({ sponsor_id: anna.distributor.id, depth: 1, downline_count: 2, display_name: 'Mo \\ "The Boss" M.', status: "active" })
        expect(byHandle.kid).toMatchObject({ sponsor_id: byHandle.mom.id, depth: 2, downline_count: 0, display_name: "Kid K.", status: "inactive" })
        expect(byHandle.kid.enrolled_at.toISOString()).toBe("2024-05-01T00:00:00.000Z")
        expect(byHandle.known).toMatchObject({ sponsor_id: byHandle.mom.id, display_name: "known" })
        expect(byHandle.solo).toMatchObject({ sponsor_id: null, depth: 0 })
        expect(byHandle.anna.downline_count).toBe(3)
        expect(await network.findPathInconsistencies()).toEqual([])

        // The matched customer is the registered one; everyone is a member and bound to their sponsor.
        const [known] = await customers.listCustomers({ email: "known.buyer@example.com" })
        expect(byHandle.known.customer_id).toBe(known.id)
        const memberGroupId = await network.getSetting("member_group_id")
        const members = await customers.listCustomerGroupCustomers({ customer_group_id: memberGroupId! }, { take: null })
        expect(new Set(members.map((m) => m.customer_id))).toEqual(new Set(all.map((d) => d.customer_id)))
        const bindings = await network.listCustomerBindings({ customer_id: [byHandle.kid.customer_id, byHandle.solo.customer_id] })
        expect(bindings.map((b) => [b.customer_id, b.distributor_id, b.source])).toEqual([
          [byHandle.kid.customer_id, byHandle.mom.id, "enrollment"],
        ])

        // The store sees the imported team at once.
        const downline = await api.get("/store/mlm/me/downline", anna.headers)
        expect(downline.data.count).toBe(3)
        expect(downline.data.members.map((m: any) => [m.handle, m.level])).toEqual([["mom", 1], ["kid", 2], ["known", 2]])

        // The same file again: every handle is taken now, and the e-mails are distributors.
        const again = await failure(api.post("/admin/mlm/imports", upload(good), admin))
        expect(again.status).toBe(400)
        expect(again.data.error_count).toBe(8) // each row: handle taken, e-mail already a distributor
        expect(again.data.errors[0]).toEqual({ line: 2, handle: "kid", reason: "handle 'kid' is already taken" })
      })

      it("announces the customers and memberships it made once the import is written, and nothing when it is taken back", async () => {
        const container = getContainer()
        const eventBus = container.resolve(Modules.EVENT_BUS)
        const customers = container.resolve(Modules.CUSTOMER)
        const network = networkService(container)
        // the customer module's own events, as Medusa's Index module and a shop's subscribers get them
        const seen: { name: string; id: string; group: string | undefined }[] = []
        const names = ["customer.customer.created", "customer.customer-group-customer.created"]
        const listeners = names.map((name) => {
          const listener = async (event: any) => void seen.push({ name, id: event.data.id, group: event.metadata?.eventGroupId })
          eventBus.subscribe(name, listener, { subscriberId: `import-spec ${name}` })
          return [name, listener] as const
        })
        const file = ["handle,email,sponsor_handle,display_name,status,enrolled_at", "top,top@example.com,,,,", "mid,mid@example.com,top,,,"].join("\n")
        const emails = ["top@example.com", "mid@example.com"]
        try {
          // Taken back: the member group refuses the memberships, after the customers and the genealogy were written.
          const refuse = jest.spyOn(customers, "addCustomerToGroup").mockRejectedValueOnce(new Error("the member group is unavailable"))
          const cleared = jest.spyOn(eventBus, "clearGroupedEvents")
          try {
            const failed = await failure(api.post("/admin/mlm/imports", upload(file), admin))
            expect(failed.status).toBe(500)
            // the events of what was taken back are dropped, not left waiting
            const groups = cleared.mock.calls.map(([group]) => group).filter((group) => /^mlmimp_\w+:(customers|members):\d+$/.test(group))
            expect(groups.map((group) => group.replace(/^mlmimp_\w+:/, "")).sort()).toEqual(["customers:0", "members:0"])
            expect(new Set(groups.map((group) => group.split(":")[0])).size).toBe(1)
          } finally {
            refuse.mockRestore()
            cleared.mockRestore()
          }
          await new Promise((resolve) => setTimeout(resolve, 200))
          expect(seen).toEqual([])
          expect(await customers.listCustomers({ email: emails })).toEqual([])
          expect(await network.listDistributors({}, { take: null })).toEqual([])

          // Written whole: each customer and each membership announced once, in the import's own groups.
          const done = await api.post("/admin/mlm/imports", upload(file), admin)
          expect(done.status).toBe(201)
          const importId = done.data.import.import_id
          for (let i = 0; i < 100 && seen.length < 4; i++) await new Promise((resolve) => setTimeout(resolve, 20))
          const made = await customers.listCustomers({ email: emails })
          expect(made).toHaveLength(2)
          expect(seen.filter((e) => e.name === names[0]).map((e) => [e.id, e.group]).sort()).toEqual(
            made.map((c) => [c.id, `${importId}:customers:0`]).sort()
          )
          expect(seen.filter((e) => e.name === names[1]).map((e) => e.group)).toEqual([`${importId}:members:0`, `${importId}:members:0`])
          expect(seen).toHaveLength(4)
        } finally {
          for (const [name, listener] of listeners) eventBus.unsubscribe(name, listener, { subscriberId: `import-spec ${name}` })
        }
      })

      it("tells how far an import is under the caller's progress_key, phase by phase, and that it finished", async () => {
        const key = "import-7c1d2e4f"
        // a binary tree: lead-i sponsors lead-(2i+1) and lead-(2i+2)
        const rows = Array.from({ length: 1_200 }, (_, i) => `lead-${i},lead-${i}@example.com,${i ? `lead-${Math.floor((i - 1) / 2)}` : ""},,,`)
        const running = api.post(`/admin/mlm/imports?progress_key=${key}`, upload(["handle,email,sponsor_handle,display_name,status,enrolled_at", ...rows].join("\n")), admin)
        const seen: { phase: string; done: number; total: number }[] = []
        let answered = false
        running.then(() => (answered = true), () => (answered = true))
        while (!answered) {
          const res = await api.get(`/admin/mlm/imports/progress/${key}`, admin).catch((e: any) => e.response)
          if (res.status === 200) seen.push(res.data.progress)
          else expect(res.status).toBe(404) // not started yet
        }
        expect((await running).data.import).toMatchObject({ rows: 1200, written: 1200, customers_created: 1200 })
        // the phases come in order, and within one the count never goes back
        const order = ["checking", "customers", "distributors", "finished"]
        seen.forEach((p, i) => {
          const before = seen[i - 1]
          expect(order).toContain(p.phase)
          if (before) expect(order.indexOf(p.phase)).toBeGreaterThanOrEqual(order.indexOf(before.phase))
          if (before?.phase === p.phase) expect(p.done).toBeGreaterThanOrEqual(before.done)
        })
        const after = await api.get(`/admin/mlm/imports/progress/${key}`, admin)
        expect(after.data.progress).toMatchObject({ key, phase: "finished", done: 1200, total: 1200, percent: 100, finished: true })
        const [top] = await networkService(getContainer()).listDistributors({ handle: "lead-0" })
        const [last] = await networkService(getContainer()).listDistributors({ handle: "lead-1199" })
        expect([top.downline_count, last.depth]).toEqual([1199, 10])

        const unknown = await failure(api.get("/admin/mlm/imports/progress/never-started", admin))
        expect([unknown.status, unknown.data.message]).toEqual([404, "No import with progress_key never-started ran in the last 10 minutes"])
        const badKey = await failure(api.post("/admin/mlm/imports?progress_key=a%20b", upload("handle,email\nann,a@x.io\n"), admin))
        expect([badKey.status, badKey.data.message]).toEqual([400, "Invalid request: progress_key must be 8 to 64 letters, digits, '-' or '_'"])
        expect((await failure(api.get(`/admin/mlm/imports/progress/${key}`))).status).toBe(401)
      })

      it("refuses a missing file, an unreadable file, a bad query and a non-admin", async () => {
        const noFile = await failure(api.post("/admin/mlm/imports", new FormData(), admin))
        expect(noFile.status).toBe(400)
        expect(noFile.data.message).toBe("Upload the network as a CSV file in the multipart field 'file'")
        const noHeader = await failure(api.post("/admin/mlm/imports", upload("handle,mail\nann,x\n"), admin))
        expect(noHeader.status).toBe(400)
        expect(noHeader.data.message).toContain("column 'email' is missing")
        const wrongField = new FormData()
        wrongField.append("upload", new Blob(["handle,email\n"]), "x.csv")
        expect((await failure(api.post("/admin/mlm/imports", wrongField, admin))).status).toBe(400)
        expect((await failure(api.post("/admin/mlm/imports?dry_run=maybe", upload("handle,email\nann,a@x.io\n"), admin))).status).toBe(400)
        expect((await failure(api.post("/admin/mlm/imports", upload("handle,email\nann,a@x.io\n")))).status).toBe(401)
        const anna = await enrollThroughStore(api, store, "anna")
        expect((await failure(api.post("/admin/mlm/imports", upload("handle,email\nann,a@x.io\n"), anna.headers))).status).toBe(401)
        expect(await networkService(getContainer()).listDistributors({}, { take: null })).toHaveLength(1)
      })

      it("refuses, as a conflict, a plan whose existing sponsor moved after it was made, and writes nothing", async () => {
        const network = networkService(getContainer())
        const anna = await enrollThroughStore(api, store, "anna")
        const ben = await enrollThroughStore(api, store, "ben")
        let id = 0
        // Planned while anna was at the top; then anna moves under ben.
        const { plan } = planNetworkImport(
          [{ line: 2, handle: "kid", email: "kid@example.com", sponsor_handle: "anna" }],
          { distributors: new Map([["anna", { id: anna.distributor.id, path: rootPath(anna.distributor.id), depth: 0 }]]), enrolled_emails: new Map() },
          { now: new Date(), newId: () => `dist_import_${++id}` }
        )
        expect(plan).not.toBeNull()
        const moved = await api.post(`/admin/mlm/distributors/${anna.distributor.id}/sponsor`, { sponsor_id: ben.distributor.id }, admin)
        expect(moved.status).toBe(200)
        const refused = await network
          .importNetwork({ plan: plan!, customer_ids: { "kid@example.com": "cus_kid" }, import_id: "mlmimp_stale" })
          .then(() => null, (error: Error) => error)
        expect(isConflictError(refused)).toBe(true)
        expect(refused).toMatchObject({
          message: `The sponsor ${anna.distributor.id} was moved or removed while the import was prepared: run the import again`,
        })
        expect((await network.listDistributors({}, { take: null })).map((d) => d.handle).sort()).toEqual(["anna", "ben"])
        expect(await network.findPathInconsistencies()).toEqual([])
      })
    })

    describe("GET /admin/mlm/distributors", () => {
      it("searches anywhere in handle or name, counts exactly without filters and says when a filtered count is capped", async () => {
        const anna = await enrollThroughStore(api, store, "anna")
        await enrollThroughStore(api, store, "ben-smith", "anna")
        await enrollThroughStore(api, store, "cleo", "anna")
        const all = await api.get("/admin/mlm/distributors?limit=2", admin)
        expect(all.data).toMatchObject({ count: 3, count_capped: false, limit: 2, offset: 0 })
        expect(all.data.distributors.map((d: any) => d.handle)).toEqual(["anna", "ben-smith"])
        const middle = await api.get("/admin/mlm/distributors?q=SMI", admin)
        expect(middle.data).toMatchObject({ count: 1, count_capped: false })
        expect(middle.data.distributors[0]).toMatchObject({ handle: "ben-smith", sponsor: { id: anna.distributor.id }, frontline_count: 0 })
        // Pattern characters are taken literally.
        expect((await api.get("/admin/mlm/distributors?q=%25", admin)).data.count).toBe(0)
        expect((await api.get("/admin/mlm/distributors?q=_", admin)).data.count).toBe(0)
      })

      it("counts a search up to 1,000 matches and pages past that in enrolment order; fewer are counted exactly", async () => {
        // 1,010 distributors enrolled a minute apart: member-0000 first.
        const start = Date.UTC(2024, 0, 1)
        const rows = Array.from({ length: 1_010 }, (_, i) => {
          const n = String(i).padStart(4, "0")
          return `member-${n},m${n}@example.com,,Member ${n},active,${new Date(start + i * 60_000).toISOString()}`
        })
        const imported = await api.post("/admin/mlm/imports", upload(["handle,email,sponsor_handle,display_name,status,enrolled_at", ...rows].join("\n")), admin)
        expect(imported.status).toBe(201)

        const many = await api.get("/admin/mlm/distributors?q=member&limit=3&offset=998", admin)
        expect(many.data).toMatchObject({ count: 1000, count_capped: true, limit: 3, offset: 998 })
        expect(many.data.distributors.map((d: any) => d.handle)).toEqual(["member-0998", "member-0999", "member-1000"])
        const withStatus = await api.get("/admin/mlm/distributors?q=MEMBER&status=active&limit=2", admin)
        expect(withStatus.data).toMatchObject({ count: 1000, count_capped: true })
        expect(withStatus.data.distributors.map((d: any) => d.handle)).toEqual(["member-0000", "member-0001"])

        // member-1000 .. member-1009 by handle: 10, read with their page in one statement.
        const few = await api.get("/admin/mlm/distributors?q=member-10&limit=4&offset=8", admin)
        expect(few.data).toMatchObject({ count: 10, count_capped: false })
        expect(few.data.distributors.map((d: any) => d.handle)).toEqual(["member-1008", "member-1009"])
        expect(few.data.distributors[0]).toMatchObject({ display_name: "Member 1008", status: "active", frontline_count: 0 })
        // by display name: Member 0100 .. Member 0109
        const named = await api.get("/admin/mlm/distributors?q=Member%20010&limit=3", admin)
        expect(named.data).toMatchObject({ count: 10, count_capped: false })
        expect(named.data.distributors.map((d: any) => d.handle)).toEqual(["member-0100", "member-0101", "member-0102"])
        const pastTheEnd = await api.get("/admin/mlm/distributors?q=member-10&offset=40", admin)
        expect(pastTheEnd.data).toMatchObject({ count: 10, count_capped: false, distributors: [] })
      })
    })
  },
})
