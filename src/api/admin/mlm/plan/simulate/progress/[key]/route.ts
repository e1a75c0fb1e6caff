import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { readProgress } from "../../../../../../../lib/progress"
import { ProgressKey } from "../../../../validators"

/**
 * How far the simulation started with this `progress_key` is: orders replayed of the total, and
 * whether it finished. 404 when no simulation with the key ran in the last 10 minutes.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const key = ProgressKey.safeParse(req.params.key)
  if (!key.success) throw new MedusaError(MedusaError.Types.INVALID_DATA, key.error.issues[0].message)
  const progress = await readProgress(req.scope, "simulation", key.data)
  if (!progress) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No simulation with progress_key ${key.data} ran in the last 10 minutes`)
  res.json({ progress })
}
