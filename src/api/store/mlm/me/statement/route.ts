import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireOwnDistributor, resolveNetwork } from "../../../../utils/network"
import { currentMonth, sendStatement, statementOf } from "../../../../utils/payout"
import type { StatementQueryType } from "../../validators"

/**
 * The logged-in distributor's statement of a month (default: this month, UTC): per currency the
 * opening balance, earned, clawed back, paid and the closing balance, and every entry with its
 * explanation. `format=csv` gives the same as CSV. Orders appear by display number only.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StatementQueryType>, res: MedusaResponse) {
  const distributor = await requireOwnDistributor(resolveNetwork(req.scope), req.auth_context?.actor_id)
  const { month, format } = req.validatedQuery as StatementQueryType
  const statement = await statementOf(req.scope, distributor.id, month ?? currentMonth(), "store")
  sendStatement(res, statement, format, "statement")
}
