import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { stringify } from "csv-stringify/sync"
import { resolveCommission } from "../../../../utils/commission"
import { payoutRequests } from "../../../../../workflows/payout/steps/send-payouts"
import type { AdminExportPayoutsQueryType } from "../../validators"

export const PAYOUT_CSV_COLUMNS = ["payout_id", "handle", "display_name", "email", "amount", "currency", "reference"]

/**
 * Payouts as CSV for the bank (manual provider): payout id, handle, display name, e-mail, amount
 * (exact, major units), currency, reference (the payout id, to quote on the transfer, until the admin
 * records the bank's). `ids` picks payouts; without it, every pending manual payout.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminExportPayoutsQueryType>, res: MedusaResponse) {
  const { ids } = req.validatedQuery as AdminExportPayoutsQueryType
  const { payouts } = await resolveCommission(req.scope).listPayoutRows(
    ids ? { ids } : { status: "pending", provider_id: "manual" },
    { limit: 10_000, offset: 0 }
  )
  const requests = await payoutRequests(req.scope, payouts)
  const rows = [...payouts].reverse().map((p) => {
    const who = requests.get(p.id)!.distributor
    return [p.id, who.handle, who.display_name ?? "", who.email ?? "", p.amount, p.currency_code.toUpperCase(), p.reference ?? p.id]
  })
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="mlm-payouts-${new Date().toISOString().slice(0, 10)}.csv"`)
  res.send(stringify(rows, { header: true, columns: PAYOUT_CSV_COLUMNS }))
}
