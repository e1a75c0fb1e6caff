import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { readProgress } from "../../../../../../lib/progress"
import { ProgressKey } from "../../../validators"

/**
 * How far the import started with this `progress_key` is: its phase ("checking", "customers",
 * "distributors", "finished") and the items of that phase done. 404 when no import with the key ran
 * in the last 10 minutes.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const key = ProgressKey.safeParse(req.params.key)
  if (!key.success) throw new MedusaError(MedusaError.Types.INVALID_DATA, key.error.issues[0].message)
  const progress = await readProgress(req.scope, "import", key.data)
  if (!progress) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No import with progress_key ${key.data} ran in the last 10 minutes`)
  res.json({ progress })
}
