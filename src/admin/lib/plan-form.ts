import type { Plan, PlanInput } from "../../types/admin"

/** What a valid form saves: every plan option set (the API's PlanInput with nothing left to defaults). */
export type PlanDraft = Required<Omit<PlanInput, "name">> & Pick<PlanInput, "name">

/**
 * The plan editor's rules, in the page's own words (levels numbered from 1 as on screen). They mirror
 * the API's (validatePlan), so a plan the form accepts is one the API accepts. Percents are read as
 * decimal text and summed in ten-thousandths, so "33.3333" three times adds up exactly.
 */
export type PlanForm = {
  name: string
  levels: string[]
  max_payout_percent: string
  hold_days: string
  compression: boolean
  retail_profit: boolean
}

export type PlanFormErrors = {
  levels: (string | null)[]
  max_payout_percent: string | null
  hold_days: string | null
  total: string | null
}

const MAX_LEVELS = 50
const MAX_HOLD_DAYS = 3650
const DECIMAL = /^\d+(\.\d+)?$/

/** "12.5" -> 125000 (ten-thousandths), or null when it is not a plain decimal with at most 4 decimals. */
export function tenThousandths(text: string): number | null {
  const value = text.trim()
  if (!DECIMAL.test(value)) return null
  const [whole, fraction = ""] = value.split(".")
  if (fraction.length > 4) return null
  return Number(whole) * 10000 + Number(fraction.padEnd(4, "0"))
}

const percentText = (tt: number) => String(tt / 10000)

function checkPercent(text: string, what: string): string | null {
  const value = text.trim()
  if (!value) return `Enter ${what}`
  if (!DECIMAL.test(value)) return `${what[0].toUpperCase()}${what.slice(1)} must be a number, such as 10 or 2.5`
  const tt = tenThousandths(value)
  if (tt === null) return "Use at most 4 decimals"
  if (tt === 0) return "Must be more than 0 %"
  if (tt > 100 * 10000) return "Must be at most 100 %"
  return null
}

export function checkPlanForm(form: PlanForm): { errors: PlanFormErrors; plan: PlanDraft | null } {
  const levels = form.levels.map((text, i) => checkPercent(text, `a percent for level ${i + 1}`))
  const cap = checkPercent(form.max_payout_percent, "the cap")
  const days = form.hold_days.trim()
  const hold =
    !/^\d+$/.test(days) || Number(days) > MAX_HOLD_DAYS ? `Enter whole days from 0 to ${MAX_HOLD_DAYS}` : null
  let total: string | null = null
  if (!form.levels.length) total = "Add at least one level"
  else if (form.levels.length > MAX_LEVELS) total = `At most ${MAX_LEVELS} levels`
  else if (levels.every((e) => !e) && !cap) {
    const sum = form.levels.reduce((s, text) => s + tenThousandths(text)!, 0)
    const capTT = tenThousandths(form.max_payout_percent)!
    if (sum > capTT) {
      total = `The levels add up to ${percentText(sum)} %, more than the cap of ${percentText(capTT)} %. Lower a level or raise the cap.`
    }
  }
  const errors = { levels, max_payout_percent: cap, hold_days: hold, total }
  const valid = levels.every((e) => !e) && !cap && !hold && !total
  return {
    errors,
    plan: valid
      ? {
          ...(form.name.trim() ? { name: form.name.trim() } : {}),
          levels: form.levels.map((text, i) => ({ level: i + 1, percent: Number(text.trim()) })),
          max_payout_percent: Number(form.max_payout_percent.trim()),
          hold_days: Number(days),
          compression: form.compression,
          retail_profit: form.retail_profit,
        }
      : null,
  }
}

/** The form filled from a saved version (or the defaults when there is none). */
export function formOf(plan: Plan | null): PlanForm {
  return plan
    ? {
        name: plan.name,
        levels: plan.levels.map((l) => String(l.percent)),
        max_payout_percent: String(plan.max_payout_percent),
        hold_days: String(plan.hold_days),
        compression: plan.compression,
        retail_profit: plan.retail_profit,
      }
    : { name: "", levels: ["10", "5", "3"], max_payout_percent: "50", hold_days: "30", compression: true, retail_profit: false }
}

/** What saving changes, one sentence per difference, for the confirmation. */
export function planDiff(active: Plan | null, next: PlanDraft): string[] {
  if (!active) return [`Levels ${next.levels.map((l) => `${l.percent} %`).join(" / ")}, cap ${next.max_payout_percent} %, hold ${next.hold_days} days (first version)`]
  const changes: string[] = []
  const count = Math.max(active.levels.length, next.levels.length)
  for (let i = 0; i < count; i++) {
    const before = active.levels[i]?.percent
    const after = next.levels[i]?.percent
    if (before === undefined) changes.push(`Level ${i + 1}: added at ${after} %`)
    else if (after === undefined) changes.push(`Level ${i + 1}: removed (was ${before} %)`)
    else if (before !== after) changes.push(`Level ${i + 1}: ${before} % → ${after} %`)
  }
  const flag = (on: boolean) => (on ? "on" : "off")
  if (active.max_payout_percent !== next.max_payout_percent) changes.push(`Cap: ${active.max_payout_percent} % → ${next.max_payout_percent} %`)
  if (active.hold_days !== next.hold_days) changes.push(`Hold: ${active.hold_days} → ${next.hold_days} days`)
  if (active.compression !== next.compression) changes.push(`Compression: ${flag(active.compression)} → ${flag(next.compression)}`)
  if (active.retail_profit !== next.retail_profit) changes.push(`Retail profit: ${flag(active.retail_profit)} → ${flag(next.retail_profit)}`)
  if (next.name !== undefined && next.name !== active.name) changes.push(`Name: "${active.name}" → "${next.name}"`)
  return changes
}
