import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders, registerCustomer } from "../../helpers/auth"
import { failure } from "../../helpers/store"
import { enrollThroughStore, networkService } from "../../helpers/network"
import { storeHeaders } from "../../helpers/checkout"
import fs from "node:fs"
import path from "node:path"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
    })

    describe("a distributor's replicated site", () => {
      it("is edited by its owner, shown publicly with its featured products, and moderated by an admin", async () => {
        const anna = await enrollThroughStore(api, storeHeaders(store), "anna")
        const [first, second] = store.products
        const empty = await api.get("/store/mlm/storefronts/anna", storeHeaders(store))
        expect(empty.data.storefront).toEqual({
          handle: "anna",
          display_name: expect.any(String),
          store_url: "https://shop.example/anna",
          bio: null,
          avatar_url: null,
          contact: null,
          featured_products: [],
        })

        const saved = await api.post(
          "/store/mlm/me/storefront",
          {
            bio: "Runner, mother of two.\nAsk me about the trail range!",
            avatar_url: "https://cdn.example/anna.jpg",
            contact: { email: "anna@example.com", phone: "+49 30 1234567" },
            featured_product_ids: [second.id, first.id],
          },
          anna.headers
        )
        expect(saved.status).toBe(200)
        expect(saved.data.storefront).toMatchObject({
          bio: "Runner, mother of two.\nAsk me about the trail range!",
          featured_product_ids: [second.id, first.id],
          hidden_fields: [],
        })

        const page = (await api.get("/store/mlm/storefronts/anna", storeHeaders(store))).data.storefront
        expect(page).toMatchObject({
          bio: "Runner, mother of two.\nAsk me about the trail range!",
          avatar_url: "https://cdn.example/anna.jpg",
          contact: { email: "anna@example.com", phone: "+49 30 1234567" },
        })
        expect(page.featured_products.map((p: any) => [p.id, p.handle])).toEqual([
          [second.id, second.handle],
          [first.id, first.handle],
        ])
        expect(Object.keys(page.featured_products[0]).sort()).toEqual(["handle", "id", "subtitle", "thumbnail", "title"])

        // Fields left out are kept; null clears one.
        await api.post("/store/mlm/me/storefront", { avatar_url: null }, anna.headers)
        const cleared = (await api.get("/store/mlm/me/storefront", anna.headers)).data.storefront
        expect(cleared).toMatchObject({ avatar_url: null, bio: "Runner, mother of two.\nAsk me about the trail range!" })

        // An admin hides the bio and the contact: the public page loses them, the owner still sees them.
        const hidden = await api.post(`/admin/mlm/distributors/${anna.distributor.id}`, { hidden_site_fields: ["bio", "contact"] }, admin)
        expect(hidden.status).toBe(200)
        expect(hidden.data.distributor.site).toMatchObject({ hidden_fields: ["bio", "contact"], bio: "Runner, mother of two.\nAsk me about the trail range!" })
        const moderated = (await api.get("/store/mlm/storefronts/anna", storeHeaders(store))).data.storefront
        expect(moderated).toMatchObject({ bio: null, contact: null, avatar_url: null })
        expect(moderated.featured_products).toHaveLength(2)
        const own = (await api.get("/store/mlm/me/storefront", anna.headers)).data.storefront
        expect(own).toMatchObject({ bio: "Runner, mother of two.\nAsk me about the trail range!", hidden_fields: ["bio", "contact"] })

        // A product the shop stops selling leaves the page.
        await getContainer().resolve(Modules.PRODUCT).updateProducts(first.id, { status: "draft" })
        const fewer = (await api.get("/store/mlm/storefronts/anna", storeHeaders(store))).data.storefront
        expect(fewer.featured_products.map((p: any) => p.id)).toEqual([second.id])
      })

      it("rejects bad input with a clear message, writes nothing, and lets only the distributor edit", async () => {
        const anna = await enrollThroughStore(api, storeHeaders(store), "anna")
        const bad = async (body: unknown, message: string) => {
          const refused = await failure(api.post("/store/mlm/me/storefront", body, anna.headers))
          expect(refused.status).toBe(400)
          expect(refused.data.message).toContain(message)
        }
        await bad({}, "Give at least one of bio, avatar_url, contact or featured_product_ids")
        await bad({ bio: "x".repeat(501) }, "Value for field 'bio' too big, expected at most: '500'")
        await bad({ bio: "hi\u202eevil" }, "bio must not contain control or bidirectional-override characters")
        await bad({ avatar_url: "javascript:alert(1)" }, "avatar_url must be an http(s) URL")
        await bad({ contact: { email: "nope" } }, "contact.email must be an e-mail address")
        await bad({ contact: { fax: "123" } }, "fax")
        await bad({ featured_product_ids: Array.from({ length: 9 }, (_, i) => `prod_${i}`) }, "Value for field 'featured_product_ids' too big, expected at most: '8'")
        await bad({ featured_product_ids: [store.products[0].id, store.products[0].id] }, "must not repeat a product")
        await bad({ featured_product_ids: ["prod_doesnotexist"], bio: "kept?" }, "No published product has the id prod_doesnotexist")
        await bad({ owner: "me" }, "owner")
        expect(await networkService(getContainer()).listDistributorSites({})).toEqual([])

        // Not logged in: 401; a customer who is not a distributor: 404; a terminated one: 403.
        expect((await failure(api.post("/store/mlm/me/storefront", { bio: "x" }, storeHeaders(store)))).status).toBe(401)
        const ben = await enrollThroughStore(api, storeHeaders(store), "ben")
        await api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "terminated" }, admin)
        const terminated = await failure(api.post("/store/mlm/me/storefront", { bio: "x" }, ben.headers))
        expect(terminated.status).toBe(403)
        expect(terminated.data.message).toBe("A terminated distributor has no storefront to edit")

        // The admin's moderation field is checked too.
        const wrong = await failure(api.post(`/admin/mlm/distributors/${anna.distributor.id}`, { hidden_site_fields: ["email"] }, admin))
        expect(wrong.status).toBe(400)
        expect(wrong.data.message).toContain("hidden_site_fields may hold bio, avatar_url, contact")
      })
    })

    describe("the site photo", () => {
      // a 1 x 1 PNG
      const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64")
      const photo = (bytes: Uint8Array, name = "me.png", type = "image/png") => {
        const form = new FormData()
        form.append("file", new Blob([bytes], { type }), name)
        return form
      }

      it("is uploaded through Medusa's File module and shown on the public page", async () => {
        const anna = await enrollThroughStore(api, storeHeaders(store), "anna")
        const saved = await api.post("/store/mlm/me/storefront/photo", photo(PNG), anna.headers)
        expect(saved.status).toBe(200)
        const url: string = saved.data.storefront.avatar_url
        // the local file provider keeps public files in static/ under the app, named after the distributor
        expect(url).toMatch(new RegExp(`/static/\\d+-mlm-site-${anna.distributor.id}\\.png$`))
        const file = path.join(process.cwd(), "static", path.basename(url))
        expect(fs.readFileSync(file).equals(PNG)).toBe(true)
        fs.rmSync(file)
        const shown = await api.get("/store/mlm/storefronts/anna", storeHeaders(store))
        expect(shown.data.storefront.avatar_url).toBe(url)
        // the rest of the site is kept
        await api.post("/store/mlm/me/storefront", { bio: "Hello" }, anna.headers)
        expect((await api.get("/store/mlm/storefronts/anna", storeHeaders(store))).data.storefront).toMatchObject({ bio: "Hello", avatar_url: url })
      })

      it("refuses what is not a JPEG, PNG or WebP image, more than 2 MB, or not the distributor's own, and writes nothing", async () => {
        const anna = await enrollThroughStore(api, storeHeaders(store), "anna")
        const refused = async (form: FormData, headers: { headers: Record<string, string> }, status: number, message?: string) => {
          const res = await failure(api.post("/store/mlm/me/storefront/photo", form, headers))
          expect(res.status).toBe(status)
          if (message) expect(res.data.message).toBe(message)
        }
        // the type is read from the bytes: a text file named .png is refused
        await refused(photo(Buffer.from("<svg onload=alert(1)>"), "evil.png"), anna.headers, 400, "The photo must be a JPEG, PNG or WebP image")
        const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)])
        await refused(photo(big), anna.headers, 400, "The photo is larger than 2 MB")
        await refused(new FormData(), anna.headers, 400, "Upload the photo as a JPEG, PNG or WebP image in the multipart field 'file'")
        await refused(photo(PNG), storeHeaders(store), 401)
        const customer = await registerCustomer(api, storeHeaders(store))
        await refused(photo(PNG), customer.headers, 404)
        expect(await networkService(getContainer()).listDistributorSites({})).toEqual([])
      })
    })
  },
})
