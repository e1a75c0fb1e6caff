import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders, registerCustomer } from "../../helpers/auth"
import { createPublishableKey, failure } from "../../helpers/store"
import { enrollThroughStore, networkService } from "../../helpers/network"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: { headers: Record<string, string> }
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      const container = getContainer()
      store = (await createPublishableKey(container)).headers
      admin = await createAdminHeaders(container)
    })

    describe("a 4-level enrolment chain", () => {
      it("answers upline, downline and team counts for every level", async () => {
        const anna = await enrollThroughStore(api, store, "anna")
        const ben = await enrollThroughStore(api, store, "ben", "anna")
        const cleo = await enrollThroughStore(api, store, "cleo", "ben")
        const dan = await enrollThroughStore(api, store, "dan", "cleo")

        expect(anna.distributor).toMatchObject({ handle: "anna", sponsor_id: null, depth: 0, status: "active" })
        expect(dan.distributor).toMatchObject({ sponsor_id: cleo.distributor.id, depth: 3 })
        expect(dan.distributor).toMatchObject({ store_url: "https://shop.example/dan" })

        const me = await api.get("/store/mlm/me", dan.headers)
        expect(me.status).toBe(200)
        expect(me.data).toEqual({
          distributor: {
            id: dan.distributor.id,
            handle: "dan",
            display_name: "dan D.",
            status: "active",
            store_url: "https://shop.example/dan",
            sponsor: { handle: "cleo", display_name: "cleo D." },
            depth: 3,
            enrolled_at: expect.any(String),
          },
          stats: { frontline_count: 0, downline_count: 0 },
          // no plan yet: everyone with status active is active, no volume, no ranks
          volume: { window_days: 30, pv: 0, gv: 0, active_legs: 0, active: true },
          rank: { current: null, highest: null },
        })

        const annaMe = await api.get("/store/mlm/me", anna.headers)
        expect(annaMe.data.distributor.sponsor).toBeNull()
        expect(annaMe.data.stats).toEqual({ frontline_count: 1, downline_count: 3 })

        const downline = await api.get("/store/mlm/me/downline", anna.headers)
        expect(downline.data).toMatchObject({ count: 3, limit: 50, offset: 0 })
        expect(downline.data.members.map((m: any) => [m.handle, m.level, m.sponsor_handle])).toEqual([
          ["ben", 1, "anna"],
          ["cleo", 2, "ben"],
          ["dan", 3, "cleo"],
        ])
        expect(downline.data.members[0]).toEqual({
          handle: "ben",
          display_name: "ben D.",
          status: "active",
          level: 1,
          sponsor_handle: "anna",
          joined_at: expect.any(String),
          team_size: 2,
          active: true,
          pv: 0,
        })

        // Every route answers a timestamp in ISO 8601 (UTC), whether it reads it through a model or in SQL.
        const benMe = await api.get("/store/mlm/me", ben.headers)
        expect(benMe.data.distributor.enrolled_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
        expect(downline.data.members[0].joined_at).toBe(benMe.data.distributor.enrolled_at)
        const listed = await api.get("/admin/mlm/distributors?q=ben", admin)
        expect(listed.data.distributors.map((d: any) => [d.handle, d.enrolled_at])).toEqual([["ben", benMe.data.distributor.enrolled_at]])
        expect(listed.data.distributors[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

        // A lazy tree opens one member at a time; levels still count from the asker.
        const underCleo = await api.get("/store/mlm/me/downline?depth=1&under=CLEO", anna.headers)
        expect(underCleo.data).toMatchObject({ count: 1 })
        expect(underCleo.data.members.map((m: any) => [m.handle, m.level, m.sponsor_handle, m.team_size])).toEqual([["dan", 3, "cleo", 0]])

        const frontline = await api.get("/store/mlm/me/downline?depth=1", anna.headers)
        expect(frontline.data).toMatchObject({ count: 1, members: [{ handle: "ben", level: 1, sponsor_handle: "anna" }] })
        const twoLevels = await api.get("/store/mlm/me/downline?depth=2", anna.headers)
        expect(twoLevels.data.members.map((m: any) => m.handle)).toEqual(["ben", "cleo"])
        expect(twoLevels.data.count).toBe(2)

        const paged = await api.get("/store/mlm/me/downline?limit=1&offset=1", anna.headers)
        expect(paged.data).toMatchObject({ count: 3, limit: 1, offset: 1 })
        expect(paged.data.members.map((m: any) => m.handle)).toEqual(["cleo"])
        // Keyset pages: next_cursor continues where the page ended, without a handle-level id in sight.
        const first = await api.get("/store/mlm/me/downline?limit=2", anna.headers)
        expect(first.data.members.map((m: any) => m.handle)).toEqual(["ben", "cleo"])
        expect(first.data.next_cursor).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/))
        const next = await api.get(`/store/mlm/me/downline?limit=2&cursor=${first.data.next_cursor}`, anna.headers)
        expect(next.data).toMatchObject({ count: 3, next_cursor: null, members: [{ handle: "dan", level: 3 }] })
        // ben cannot use anna's cursor to look outside his own team
        const foreign = await failure(api.get(`/store/mlm/me/downline?cursor=${Buffer.from("ben").toString("base64url")}`, ben.headers))
        expect(foreign).toMatchObject({ status: 400, data: { message: "The cursor does not point into this team: start again without it" } })
        const both = await failure(api.get(`/store/mlm/me/downline?offset=1&cursor=${first.data.next_cursor}`, anna.headers))
        expect(both.status).toBe(400)
        expect(both.data.message).toContain("Use either cursor or offset, not both")
        expect((await failure(api.get("/store/mlm/me/downline?cursor=%3Cscript%3E", anna.headers))).status).toBe(400)

        const benDownline = await api.get("/store/mlm/me/downline", ben.headers)
        expect(benDownline.data.members.map((m: any) => [m.handle, m.level])).toEqual([
          ["cleo", 1],
          ["dan", 2],
        ])

        const detail = await api.get(`/admin/mlm/distributors/${dan.distributor.id}`, admin)
        expect(detail.data.distributor.upline.map((u: any) => [u.handle, u.level])).toEqual([
          ["cleo", 1],
          ["ben", 2],
          ["anna", 3],
        ])
        expect(detail.data.distributor).toMatchObject({ frontline_count: 0, downline_count: 0, depth: 3 })
        const annaDetail = await api.get(`/admin/mlm/distributors/${anna.distributor.id}`, admin)
        expect(annaDetail.data.distributor).toMatchObject({ upline: [], frontline_count: 1, downline_count: 3 })
      })

      it("makes every distributor a member of the plugin's customer group", async () => {
        const anna = await enrollThroughStore(api, store, "anna")
        const customerModule = getContainer().resolve(Modules.CUSTOMER)
        const groupId = await networkService(getContainer()).getSetting("member_group_id")
        expect(groupId).toEqual(expect.stringMatching(/^cusgroup_/))
        const group = await customerModule.retrieveCustomerGroup(groupId!)
        expect(group.name).toBe("MLM Members")
        const members = await customerModule.listCustomerGroupCustomers({ customer_group_id: groupId! })
        expect(members.map((m) => m.customer_id)).toEqual([anna.customer.id])
      })
    })

    describe("bad input", () => {
      it.each([
        ["ab", "Invalid handle 'ab': handle must be at least 3 characters long"],
        ["x".repeat(33), `Invalid handle '${"x".repeat(33)}': handle must be at most 32 characters long`],
        ["jane_doe", "Invalid handle 'jane_doe': handle may contain only the letters a-z, digits 0-9 and '-'"],
        ["jane doe", "Invalid handle 'jane doe': handle may contain only the letters a-z, digits 0-9 and '-'"],
        ["-jane", "Invalid handle '-jane': handle may not start or end with '-'"],
        ["jane-", "Invalid handle 'jane-': handle may not start or end with '-'"],
        ["jane--doe", "Invalid handle 'jane--doe': handle may not contain '--'"],
        ["admin", "Invalid handle 'admin': handle 'admin' is reserved"],
        ["Checkout", "Invalid handle 'checkout': handle 'checkout' is reserved"],
        ["demo", "Invalid handle 'demo': handle 'demo' is reserved"],
      ])("rejects the handle %j with 400 and writes nothing", async (handle, message) => {
        const customer = await registerCustomer(api, store)
        const answer = await failure(api.post("/store/mlm/distributors", { handle }, customer.headers))
        expect(answer).toEqual({ status: 400, data: { type: "invalid_data", message } })
        const [, count] = await networkService(getContainer()).listAndCountDistributors({})
        expect(count).toBe(0)
      })

      it("rejects a missing or non-string handle and unknown fields with 400", async () => {
        const customer = await registerCustomer(api, store)
        const missing = await failure(api.post("/store/mlm/distributors", {}, customer.headers))
        expect(missing.status).toBe(400)
        expect(missing.data.message).toContain("handle")
        const number = await failure(api.post("/store/mlm/distributors", { handle: 42 }, customer.headers))
        expect(number.status).toBe(400)
        expect(number.data.message).toContain("handle")
        const unknown = await failure(
          api.post("/store/mlm/distributors", { handle: "okay", sponsor_id: "dist_1" }, customer.headers)
        )
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toContain("sponsor_id")
      })

      it("answers 409 for a taken handle, in any letter case, and for a second enrolment", async () => {
        const anna = await enrollThroughStore(api, store, "anna")
        const other = await registerCustomer(api, store)
        const taken = await failure(api.post("/store/mlm/distributors", { handle: "ANNA" }, other.headers))
        expect(taken).toEqual({ status: 409, data: { type: "conflict", message: "The handle 'anna' is already taken" } })
        const again = await failure(api.post("/store/mlm/distributors", { handle: "anna-two" }, anna.headers))
        expect(again).toEqual({
          status: 409,
          data: { type: "conflict", message: "This customer is already enrolled as a distributor" },
        })
        const [, count] = await networkService(getContainer()).listAndCountDistributors({})
        expect(count).toBe(1)
      })

      it("answers 404 for an unknown or terminated sponsor, and enrols nobody", async () => {
        const customer = await registerCustomer(api, store)
        const unknown = await failure(
          api.post("/store/mlm/distributors", { handle: "newbie", sponsor_handle: "nobody" }, customer.headers)
        )
        expect(unknown).toEqual({
          status: 404,
          data: { type: "not_found", message: "No active distributor has the sponsor handle 'nobody'" },
        })
        const anna = await enrollThroughStore(api, store, "anna")
        await api.post(`/admin/mlm/distributors/${anna.distributor.id}`, { status: "terminated" }, admin)
        const terminated = await failure(
          api.post("/store/mlm/distributors", { handle: "newbie", sponsor_handle: "anna" }, customer.headers)
        )
        expect(terminated.status).toBe(404)
        const me = await failure(api.get("/store/mlm/me", customer.headers))
        expect(me.status).toBe(404)
      })
    })

    describe("who may ask", () => {
      it("answers 401 to customer routes without a logged-in customer", async () => {
        const enrol = await failure(api.post("/store/mlm/distributors", { handle: "anna" }, store))
        expect(enrol.status).toBe(401)
        expect((await failure(api.get("/store/mlm/me", store))).status).toBe(401)
        expect((await failure(api.get("/store/mlm/me/downline", store))).status).toBe(401)
      })

      it("answers 404 from /me to a customer who is not a distributor, proving the route exists", async () => {
        const customer = await registerCustomer(api, store)
        const me = await failure(api.get("/store/mlm/me", customer.headers))
        expect(me).toEqual({ status: 404, data: { type: "not_found", message: "You are not enrolled as a distributor" } })
        const downline = await failure(api.get("/store/mlm/me/downline", customer.headers))
        expect(downline.status).toBe(404)
        expect(downline.data.message).toBe("You are not enrolled as a distributor")
      })

      it("shows a distributor only their own downline: there is no way to name another one", async () => {
        const anna = await enrollThroughStore(api, store, "anna")
        const ben = await enrollThroughStore(api, store, "ben", "anna")
        await enrollThroughStore(api, store, "cleo", "ben")
        const benView = await api.get("/store/mlm/me/downline", ben.headers)
        expect(benView.data.members.map((m: any) => m.handle)).toEqual(["cleo"])
        const spoof = await failure(
          api.get(`/store/mlm/me/downline?distributor_id=${anna.distributor.id}`, ben.headers)
        )
        expect(spoof.status).toBe(400)
        expect(spoof.data.message).toContain("distributor_id")
        // Opening a tree under someone outside the team (the upline, a stranger) tells nothing.
        for (const outsider of ["anna", "nobody"]) {
          const under = await failure(api.get(`/store/mlm/me/downline?under=${outsider}`, ben.headers))
          expect(under).toEqual({ status: 404, data: { type: "not_found", message: `'${outsider}' is not in your team` } })
        }
        const bad = await failure(api.get("/store/mlm/me/downline?under=a%20b", ben.headers))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("under must be a handle in your team")
      })

      it("answers 401 to admin routes without an admin", async () => {
        const anna = await enrollThroughStore(api, store, "anna")
        expect((await failure(api.get("/admin/mlm/distributors"))).status).toBe(401)
        expect((await failure(api.get("/admin/mlm/distributors", anna.headers))).status).toBe(401)
        expect((await failure(api.post(`/admin/mlm/distributors/${anna.distributor.id}/sponsor`, { sponsor_id: null }))).status).toBe(401)
      })
    })

    describe("handle availability", () => {
      it("says whether a handle is free, taken, reserved or malformed, for anyone, without naming the owner", async () => {
        await enrollThroughStore(api, store, "anna")
        const answers = await Promise.all(
          ["Anna", "annabel", "checkout", "a", "bad_handle"].map(async (h) => (await api.get(`/store/mlm/handles/${h}`, store)).data)
        )
        expect(answers).toEqual([
          { handle: "anna", available: false, reason: "handle 'anna' is taken" },
          { handle: "annabel", available: true, reason: null },
          { handle: "checkout", available: false, reason: "handle 'checkout' is reserved" },
          { handle: "a", available: false, reason: "handle must be at least 3 characters long" },
          { handle: "bad_handle", available: false, reason: "handle may contain only the letters a-z, digits 0-9 and '-'" },
        ])
      })
    })

    describe("storefront profiles", () => {
      it("shows active distributors and 404s unknown, inactive and terminated ones", async () => {
        const anna = await enrollThroughStore(api, store, "anna")
        const ok = await api.get("/store/mlm/storefronts/ANNA", store)
        expect(ok.data).toEqual({
          storefront: {
            handle: "anna",
            display_name: "anna D.",
            store_url: "https://shop.example/anna",
            bio: null,
            avatar_url: null,
            contact: null,
            featured_products: [],
          },
        })
        const unknown = await failure(api.get("/store/mlm/storefronts/nobody", store))
        expect(unknown).toEqual({ status: 404, data: { type: "not_found", message: "No storefront has the handle 'nobody'" } })
        await api.post(`/admin/mlm/distributors/${anna.distributor.id}`, { status: "inactive" }, admin)
        expect((await failure(api.get("/store/mlm/storefronts/anna", store))).status).toBe(404)
        await api.post(`/admin/mlm/distributors/${anna.distributor.id}`, { status: "terminated" }, admin)
        expect((await failure(api.get("/store/mlm/storefronts/anna", store))).status).toBe(404)
      })
    })
  },
})
