import fc from "fast-check"
import { ledgerFiltersOf, ledgerSearchOf, ledgerViewOf } from "../ledger-url"

describe("the ledger's view in the address", () => {
  it("writes the filters and the page as short parameters, keeping the ones it does not own", () => {
    const search = ledgerSearchOf(
      {
        filtering: {
          status: "paid",
          distributor_handle: " anna ",
          order_id: "order_01",
          created_at: { $gte: new Date(2026, 10, 1).toISOString(), $lte: new Date(2026, 10, 24).toISOString() },
        },
        pageIndex: 2,
      },
      new URLSearchParams("payout=mlmpay_1&status=approved")
    )
    expect(search.toString()).toBe("payout=mlmpay_1&status=paid&distributor=anna&order=order_01&from=2026-11-01&to=2026-11-24&page=3")
    expect(ledgerSearchOf({ filtering: {}, pageIndex: 0 }, search).toString()).toBe("payout=mlmpay_1")
  })

  it("reads them back, and leaves out what is malformed", () => {
    const view = ledgerViewOf(new URLSearchParams("status=paid&currency=usd&from=2026-11-01&page=3&payout=x"))
    expect(view).toEqual({ filtering: { status: "paid", currency_code: "usd", created_at: { $gte: new Date(2026, 10, 1).toISOString() } }, pageIndex: 2 })
    // the API's filters of that view: the whole first day from local midnight
    expect(ledgerFiltersOf(view.filtering)).toMatchObject({ status: "paid", currency_code: "usd", from: new Date(2026, 10, 1).toISOString() })
    expect(ledgerViewOf(new URLSearchParams("from=2026-02-30&to=yesterday&page=-1&kind="))).toEqual({ filtering: {}, pageIndex: 0 })
    expect(ledgerViewOf(new URLSearchParams("page=1.5"))).toEqual({ filtering: {}, pageIndex: 0 })
  })

  it("property: any view written to the address reads back the same", () => {
    const text = fc.stringMatching(/^[a-z0-9_-]{1,12}$/)
    const day = fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }).map((d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString())
    fc.assert(
      fc.property(
        fc.record(
          { status: text, kind: text, distributor_handle: text, order_id: text, currency_code: text, created_at: fc.record({ $gte: day, $lte: day }, { requiredKeys: [] }) },
          { requiredKeys: [] }
        ),
        fc.nat(500),
        (filtering, pageIndex) => {
          if (filtering.created_at && !Object.keys(filtering.created_at).length) delete filtering.created_at
          const view = { filtering, pageIndex }
          expect(ledgerViewOf(ledgerSearchOf(view))).toEqual(view)
        }
      ),
      { numRuns: 500 }
    )
  })
})
