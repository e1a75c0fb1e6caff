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

/** Postgres unique_violation, as raised through MikroORM/knex. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const candidate = error as { code?: string; constraint?: string; message?: string } | undefined
  if (!candidate) return false
  const isUnique = candidate.code === "23505" || /duplicate key value|unique constraint/i.test(candidate.message ?? "")
  if (!isUnique || !constraint) return isUnique
  return (candidate.constraint ?? candidate.message ?? "").includes(constraint)
}
