import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveNetwork } from "../../../../../utils/network"
import { currentMonth, sendStatement, statementOf } from "../../../../../utils/payout"
import type { StatementQueryType } from "../../../../../store/mlm/validators"

/** A distributor's statement of a month (JSON, or `format=csv`), order ids included. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StatementQueryType>, res: MedusaResponse) {
  const { month, format } = req.validatedQuery as StatementQueryType
  const [distributor] = await resolveNetwork(req.scope).listDistributors({ id: req.params.id }, { take: 1 })
  if (!distributor) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Distributor ${req.params.id} was not found`)
  const statement = await statementOf(req.scope, distributor.id, month ?? currentMonth(), "admin")
  sendStatement(res, statement, format, `statement-${distributor.handle}`)
}
