import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveNetwork } from "../../../../utils/network"
import { checkHandle } from "../../../../../modules/network/utils/handle"
import type { HandleAvailability } from "../../../../../modules/network/types"
import type { JsonOf } from "../../../../../types/json"

/**
 * Whether a handle can still be taken, for a live check while a customer types it. It says only
 * "taken", never whose it is; enrolment checks again, so a race ends in its 409.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse<JsonOf<HandleAvailability>>) {
  const network = resolveNetwork(req.scope)
  const check = checkHandle(String(req.params.handle ?? ""), network.getPluginOptions().reserved_handles)
  let answer: HandleAvailability
  if (!check.valid) {
    answer = { handle: check.handle, available: false, reason: check.reason }
  } else if (await network.retrieveDistributorByHandle(check.handle)) {
    answer = { handle: check.handle, available: false, reason: `handle '${check.handle}' is taken` }
  } else {
    answer = { handle: check.handle, available: true, reason: null }
  }
  res.json(answer)
}
