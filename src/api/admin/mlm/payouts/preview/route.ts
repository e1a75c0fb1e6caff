import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MathBN } from "@medusajs/framework/utils"
import { resolveCommission } from "../../../../utils/commission"
import { toNumber } from "../../../../../modules/commission/utils/money"
import type { AdminPayoutPreviewQueryType } from "../../validators"
import { distributorRefs } from "../route"
import { payoutRoutes } from "../../../../../workflows/payout/steps/route-payouts"
import { planPayouts } from "../../../../../modules/commission/utils/payout"
import type { JsonOf, PayoutPreview } from "../../../../../types/admin"

/**
 * What a payout run of the currency would pay now, per distributor and through which provider, and
 * whose balance would carry and why (not positive, below the minimum, terminated, an unusable payout
 * method): the run's own rules. Nothing is written. `currencies` lists every currency that
 * has approved lines, for the run's currency picker.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminPayoutPreviewQueryType>, res: MedusaResponse<JsonOf<PayoutPreview>>) {
  const { currency_code } = req.validatedQuery as AdminPayoutPreviewQueryType
  const commission = resolveCommission(req.scope)
  const [lines, routing, currencies] = await Promise.all([
    commission.listApprovedLines(currency_code),
    payoutRoutes(req.scope, { currency_code }),
    commission.listPayableCurrencies(),
  ])
  // The run's own rules (planPayouts) on the lines approved now: who is paid, through what, who carries and why.
  const { payable, carried } = planPayouts(lines, {
    min_payout: routing.min_payout,
    route: (id) => routing.routes[id] ?? { reason: "not_found", note: "approved just now; paid in the next run" },
  })
  const names = await distributorRefs(req, [...payable, ...carried].map((p) => p.distributor_id))
  const total = payable.reduce((sum, p) => MathBN.add(sum, p.total), MathBN.convert(0))
  res.json({
    preview: {
      currency_code,
      total: toNumber(total.toString()),
      payouts: payable.map((p) => ({
        distributor: names.get(p.distributor_id) ?? { id: p.distributor_id, handle: null, display_name: null },
        amount: toNumber(p.total),
        line_count: p.line_ids.length,
        provider: p.provider_id,
      })),
      carried: carried.map((c) => ({
        distributor: names.get(c.distributor_id) ?? { id: c.distributor_id, handle: null, display_name: null },
        balance: toNumber(c.balance),
        reason: c.reason,
        note: c.note,
      })),
    },
    currencies,
  })
}
