import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminHeaders, registerCustomer } from "../../helpers/auth"
import { createPublishableKey, failure } from "../../helpers/store"
import { enrollThroughStore, networkService } from "../../helpers/network"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: { headers: Record<string, string> }
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      store = (await createPublishableKey(getContainer())).headers
      admin = await createAdminHeaders(getContainer())
    })

    /** anna -> ben -> cleo -> dan, and eve at the top */
    async function network() {
      const anna = await enrollThroughStore(api, store, "anna")
      const ben = await enrollThroughStore(api, store, "ben", "anna")
      const cleo = await enrollThroughStore(api, store, "cleo", "ben")
      const dan = await enrollThroughStore(api, store, "dan", "cleo")
      const eve = await enrollThroughStore(api, store, "eve")
      return { anna, ben, cleo, dan, eve }
    }

    const uplineOf = async (id: string) =>
      (await api.get(`/admin/mlm/distributors/${id}`, admin)).data.distributor.upline.map((u: any) => u.handle)

    describe("cycles", () => {
      it("refuses to put a distributor under their own descendant, with 400 and nothing moved", async () => {
        const { ben, dan } = await network()
        const answer = await failure(
          api.post(`/admin/mlm/distributors/${ben.distributor.id}/sponsor`, { sponsor_id: dan.distributor.id }, admin)
        )
        expect(answer).toEqual({
          status: 400,
          data: {
            type: "invalid_data",
            message: "The new sponsor is in this distributor's downline: the move would create a cycle",
          },
        })
        expect(await uplineOf(dan.distributor.id)).toEqual(["cleo", "ben", "anna"])
      })

      it("refuses to make a distributor their own sponsor", async () => {
        const { ben } = await network()
        const answer = await failure(
          api.post(`/admin/mlm/distributors/${ben.distributor.id}/sponsor`, { sponsor_id: ben.distributor.id }, admin)
        )
        expect(answer).toEqual({
          status: 400,
          data: { type: "invalid_data", message: "A distributor cannot sponsor themself" },
        })
      })

      it("answers 404 for an unknown distributor or sponsor and 400 for a malformed body", async () => {
        const { ben } = await network()
        const unknownSponsor = await failure(
          api.post(`/admin/mlm/distributors/${ben.distributor.id}/sponsor`, { sponsor_id: "dist_nope" }, admin)
        )
        expect(unknownSponsor).toEqual({ status: 404, data: { type: "not_found", message: "Sponsor dist_nope was not found" } })
        const unknownDistributor = await failure(
          api.post(`/admin/mlm/distributors/dist_nope/sponsor`, { sponsor_id: null }, admin)
        )
        expect(unknownDistributor.status).toBe(404)
        const malformed = await failure(api.post(`/admin/mlm/distributors/${ben.distributor.id}/sponsor`, {}, admin))
        expect(malformed.status).toBe(400)
        expect(malformed.data.message).toContain("sponsor_id")
      })
    })

    describe("moving a subtree", () => {
      it("moves the whole subtree, then enrols below it with the new ancestry", async () => {
        const { anna, ben, cleo, dan, eve } = await network()
        const moved = await api.post(
          `/admin/mlm/distributors/${cleo.distributor.id}/sponsor`,
          { sponsor_id: eve.distributor.id },
          admin
        )
        expect(moved.data.distributor).toMatchObject({
          handle: "cleo",
          sponsor: { id: eve.distributor.id, handle: "eve" },
          depth: 1,
          upline: [{ handle: "eve", level: 1 }],
          frontline_count: 1,
          downline_count: 1,
        })
        expect(await uplineOf(dan.distributor.id)).toEqual(["cleo", "eve"])

        const fay = await enrollThroughStore(api, store, "fay", "dan")
        expect(await uplineOf(fay.distributor.id)).toEqual(["dan", "cleo", "eve"])
        const annaTeam = (await api.get("/store/mlm/me", anna.headers)).data.stats
        expect(annaTeam).toEqual({ frontline_count: 1, downline_count: 1 })
        const eveTeam = (await api.get("/store/mlm/me/downline", eve.headers)).data
        expect(eveTeam.members.map((m: any) => [m.handle, m.level])).toEqual([
          ["cleo", 1],
          ["dan", 2],
          ["fay", 3],
        ])
        expect(await uplineOf(ben.distributor.id)).toEqual(["anna"])

        const top = await api.post(`/admin/mlm/distributors/${cleo.distributor.id}/sponsor`, { sponsor_id: null }, admin)
        expect(top.data.distributor).toMatchObject({ sponsor: null, depth: 0, upline: [] })
        expect(await uplineOf(fay.distributor.id)).toEqual(["dan", "cleo"])
        expect(await networkService(getContainer()).findPathInconsistencies()).toEqual([])
      })
    })

    describe("concurrency", () => {
      it("keeps every path in step with the sponsor chain after 30 concurrent enrolments and a move", async () => {
        const { anna, eve } = await network()
        const customers = await Promise.all(
          Array.from({ length: 30 }, (_, i) => registerCustomer(api, store, { first_name: `Recruit ${i}` }))
        )
        const enrolments = customers.map((customer, i) =>
          api.post(
            "/store/mlm/distributors",
            { handle: `recruit-${i}`, sponsor_handle: "anna" },
            customer.headers
          )
        )
        // An admin moves the sponsor while the enrolments run: both must serialize, not interleave.
        const move = api.post(`/admin/mlm/distributors/${anna.distributor.id}/sponsor`, { sponsor_id: eve.distributor.id }, admin)
        const answers = await Promise.all([...enrolments, move])
        expect(answers.map((a) => a.status)).toEqual([...Array(30).fill(201), 200])

        const service = networkService(getContainer())
        expect(await service.findPathInconsistencies()).toEqual([])
        const annaMe = await api.get("/store/mlm/me", anna.headers)
        expect(annaMe.data.stats).toEqual({ frontline_count: 31, downline_count: 33 })
        const recruits = await service.listDistributors({ sponsor_id: anna.distributor.id }, { take: null })
        const annaRow = (await service.listDistributors({ id: anna.distributor.id }))[0] as any
        expect(annaRow.path).toBe(`${eve.distributor.id}/${anna.distributor.id}/`)
        for (const recruit of recruits as any[]) {
          expect(recruit.path).toBe(`${annaRow.path}${recruit.id}/`)
          expect(recruit.depth).toBe(2)
        }

        const groupId = await service.getSetting("member_group_id")
        const customerModule = getContainer().resolve(Modules.CUSTOMER)
        const groups = await customerModule.listCustomerGroups({}, { take: null })
        expect(groups.filter((g) => g.metadata?.mlm_member_group === true).map((g) => g.id)).toEqual([groupId])
        const members = await customerModule.listCustomerGroupCustomers({ customer_group_id: groupId! }, { take: null })
        expect(members).toHaveLength(35)
      })

      it("gives a contested handle to exactly one of many simultaneous enrolments", async () => {
        const customers = await Promise.all(Array.from({ length: 5 }, () => registerCustomer(api, store)))
        const answers = await Promise.all(
          customers.map((customer) =>
            api.post("/store/mlm/distributors", { handle: "popular" }, customer.headers).catch((e: any) => e.response)
          )
        )
        expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409])
        const [, count] = await networkService(getContainer()).listAndCountDistributors({})
        expect(count).toBe(1)
      })
    })

    describe("admin distributor routes", () => {
      it("lists with search, status and sponsor filters and team counts", async () => {
        const { anna, ben } = await network()
        const all = await api.get("/admin/mlm/distributors", admin)
        expect(all.data).toMatchObject({ count: 5, limit: 50, offset: 0 })
        expect(all.data.distributors.map((d: any) => [d.handle, d.frontline_count, d.downline_count])).toEqual([
          ["anna", 1, 3],
          ["ben", 1, 2],
          ["cleo", 1, 1],
          ["dan", 0, 0],
          ["eve", 0, 0],
        ])
        const search = await api.get("/admin/mlm/distributors?q=EV", admin)
        expect(search.data.distributors.map((d: any) => d.handle)).toEqual(["eve"])
        const bySponsor = await api.get(`/admin/mlm/distributors?sponsor_id=${anna.distributor.id}`, admin)
        expect(bySponsor.data.distributors.map((d: any) => d.handle)).toEqual(["ben"])
        await api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "inactive", display_name: "Ben B." }, admin)
        const inactive = await api.get("/admin/mlm/distributors?status=inactive", admin)
        expect(inactive.data.distributors.map((d: any) => [d.handle, d.display_name])).toEqual([["ben", "Ben B."]])
        const page = await api.get("/admin/mlm/distributors?limit=2&offset=2", admin)
        expect(page.data).toMatchObject({ count: 5, limit: 2, offset: 2 })
        expect(page.data.distributors.map((d: any) => d.handle)).toEqual(["cleo", "dan"])
      })

      it("rejects bad filters and updates with 400", async () => {
        const { ben } = await network()
        expect((await failure(api.get("/admin/mlm/distributors?status=sleeping", admin))).status).toBe(400)
        expect((await failure(api.get("/admin/mlm/distributors?limit=0", admin))).status).toBe(400)
        const badStatus = await failure(api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "gone" }, admin))
        expect(badStatus.status).toBe(400)
        expect(badStatus.data.message).toContain("status")
        const empty = await failure(api.post(`/admin/mlm/distributors/${ben.distributor.id}`, {}, admin))
        expect(empty).toMatchObject({ status: 400 })
        expect(empty.data.message).toContain("Give at least one of status, display_name or hidden_site_fields")
        const unknown = await failure(api.post(`/admin/mlm/distributors/dist_nope`, { status: "active" }, admin))
        expect(unknown.status).toBe(404)
        const unknownDetail = await failure(api.get(`/admin/mlm/distributors/dist_nope`, admin))
        expect(unknownDetail.status).toBe(404)
        expect(unknownDetail.data.message).toContain("dist_nope")
      })

      it("takes a terminated distributor out of the member group and puts them back when reinstated", async () => {
        const { ben } = await network()
        const groupId = (await networkService(getContainer()).getSetting("member_group_id"))!
        const customerModule = getContainer().resolve(Modules.CUSTOMER)
        const isMember = async () =>
          (await customerModule.listCustomerGroupCustomers({ customer_id: ben.customer.id, customer_group_id: groupId })).length === 1

        expect(await isMember()).toBe(true)
        const terminated = await api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "terminated" }, admin)
        expect(terminated.data.distributor.status).toBe("terminated")
        expect(await isMember()).toBe(false)
        await api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "active" }, admin)
        expect(await isMember()).toBe(true)
      })
    })
  },
})
