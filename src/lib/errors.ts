import { MedusaError } from "@medusajs/framework/utils"

/**
 * Medusa's error handler answers every CONFLICT with a generic text, so the plugin marks its
 * conflicts (handle taken, already a distributor) with this code and routes answer 409 themselves.
 */
export const MLM_CONFLICT = "mlm_conflict"

export function conflictError(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message, MLM_CONFLICT)
}

export function isConflictError(error: unknown): boolean {
  const candidate = error as { code?: string } | undefined
  return candidate?.code === MLM_CONFLICT
}

/**
 * A unique violation: raw Postgres (23505) or as Medusa's DB error mapper words it
 * ("Mlm distributor with handle: x, already exists.", type duplicate_error).
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  const candidate = error as { code?: string; type?: string; constraint?: string; message?: string } | undefined
  if (!candidate) return false
  const message = candidate.message ?? ""
  const isUnique =
    candidate.code === "23505" ||
    candidate.type === MedusaError.Types.DUPLICATE_ERROR ||
    /duplicate key value|unique constraint|already exists/i.test(message)
  if (!isUnique || !column) return isUnique
  return `${candidate.constraint ?? ""} ${message}`.includes(column)
}
