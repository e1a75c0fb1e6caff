import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId } from "@medusajs/framework/utils"
import { parseImportCsv } from "../../../../modules/network/utils/import"
import { importNetworkWorkflow } from "../../../../workflows/network/workflows/import-network"
import type { ImportAnswer, ImportNetworkResult, ImportRefusal } from "../../../../types/import"
import { answerConflict } from "../../../utils/network"
import { AdminImportNetworkQueryType } from "../validators"
import { progressRecorder, progressTarget } from "../../../../lib/progress"

/** How many row errors an answer lists (error_count has them all). */
const ERRORS_SHOWN = 1_000

/**
 * Imports a network from a CSV upload (multipart field `file`): columns handle, email,
 * sponsor_handle, display_name, status, enrolled_at. Nothing is written unless every row is valid;
 * a 400 lists the rows that are not, by line number, with the reason. `?dry_run=true` only checks.
 * With `?progress_key=`, how far it is can be read while it runs (GET ./progress/:key): the phases
 * "checking" (e-mails looked up), "customers" (created), "distributors" (written).
 */
export async function POST(req: AuthenticatedMedusaRequest<unknown, AdminImportNetworkQueryType>, res: MedusaResponse) {
  const { dry_run, progress_key } = req.validatedQuery as AdminImportNetworkQueryType
  const file = req.file
  if (!file) {
    res.status(400).json({ type: "invalid_data", message: "Upload the network as a CSV file in the multipart field 'file'" })
    return
  }
  const { rows, problems } = parseImportCsv(file.buffer.toString("utf8"))
  if (problems.length) {
    res.status(400).json({ type: "invalid_data", message: `The file cannot be read: ${problems.join("; ")}` })
    return
  }
  const progress = progress_key ? progressTarget("import", progress_key) : undefined
  const recorder = progressRecorder(req.scope, progress)
  let result: ImportNetworkResult
  try {
    ;({ result } = await importNetworkWorkflow(req.scope).run({
      input: { rows, import_id: generateEntityId(undefined, "mlmimp"), dry_run, progress },
    }))
  } catch (error) {
    return answerConflict(res, error)
  } finally {
    recorder.report({ phase: "finished", done: rows.length, total: rows.length, finished: true })
    await recorder.flush()
  }
  if (!result.valid) {
    const refusal: ImportRefusal = {
      type: "invalid_data",
      message: `${result.errors.length} problem(s) in the file; nothing was imported`,
      errors: result.errors.slice(0, ERRORS_SHOWN),
      error_count: result.errors.length,
    }
    res.status(400).json(refusal)
    return
  }
  const answer: ImportAnswer = { import: { ...result, dry_run: !!dry_run } }
  res.status(dry_run ? 200 : 201).json(answer)
}
