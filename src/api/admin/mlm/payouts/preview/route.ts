import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MathBN } from "@medusajs/framework/utils"
import { resolveCommission } from "../../../../utils/commission"
import { toNumber } from "../../../../../modules/commission/utils/money"
import type { AdminPayoutPreviewQueryType } from "../../validators"
import { distributorRefs } from "../route"

/**
 * What a payout run of the currency would pay now, per distributor, and whose balance would carry
 * (zero or negative after clawbacks). Nothing is written. `currencies` lists every currency that
 * has approved lines, for the run's currency picker.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminPayoutPreviewQueryType>, res: MedusaResponse) {
  const { currency_code } = req.validatedQuery as AdminPayoutPreviewQueryType
  const commission = resolveCommission(req.scope)
  const [{ payable, carried }, currencies] = await Promise.all([
    commission.previewPayout(currency_code),
    commission.listPayableCurrencies(),
  ])
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
      })),
      carried: carried.map((c) => ({
        distributor: names.get(c.distributor_id) ?? { id: c.distributor_id, handle: null, display_name: null },
        balance: toNumber(c.balance),
      })),
    },
    currencies,
  })
}
