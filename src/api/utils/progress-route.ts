import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ProgressKind, readProgress } from "../../lib/progress"
import { ProgressKey } from "../admin/mlm/validators"
import type { JsonOf, ProgressResponse } from "../../types/admin"

/**
 * GET …/progress/:key of a long run (a simulation, an import): `{ progress }` as last written under
 * the caller's key; 400 for a malformed key, 404 when no such run wrote one in the last 10 minutes.
 */
export const progressRoute = (kind: ProgressKind) => async (req: AuthenticatedMedusaRequest, res: MedusaResponse<JsonOf<ProgressResponse>>) => {
  const key = ProgressKey.safeParse(req.params.key)
  if (!key.success) throw new MedusaError(MedusaError.Types.INVALID_DATA, key.error.issues[0].message)
  const progress = await readProgress(req.scope, kind, key.data)
  if (!progress) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No ${kind} with progress_key ${key.data} ran in the last 10 minutes`)
  res.json({ progress })
}
