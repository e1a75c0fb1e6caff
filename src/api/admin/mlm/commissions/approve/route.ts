import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { approveCommissionsWorkflow } from "../../../../../workflows/commission/workflows/approve-commissions"
import type { AdminApproveCommissionsType } from "../../validators"

/**
 * Approves pending lines whose hold period ended by `before` (default: now), optionally only `ids`.
 * Lines still on hold stay pending: `before` in the future approves what will have matured by then.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminApproveCommissionsType>, res: MedusaResponse) {
  const { ids, before } = req.validatedBody
  const { result } = await approveCommissionsWorkflow(req.scope).run({
    input: { before: (before ?? new Date()).toISOString(), ids },
  })
  res.json({ approved_ids: result, count: result.length })
}
