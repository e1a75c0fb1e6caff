import type { Plan, PlanInput } from "../../types/admin"

/** What a valid form saves: every plan option set (the API's PlanInput with nothing left to defaults). */
export type PlanDraft = Required<Omit<PlanInput, "name">> & Pick<PlanInput, "name">

/**
 * The plan editor's rules, in the page's own words (levels numbered from 1 as on screen). They mirror
 * the API's (validatePlan), so a plan the form accepts is one the API accepts. Percents are read as
 * decimal text and summed in ten-thousandths, so "33.3333" three times adds up exactly.
 */
export type RankForm = { name: string; min_pv: string; min_gv: string; min_active_legs: string }

export type PlanForm = {
  name: string
  levels: string[]
  /** per level: the rank it asks for ("" = any) */
  level_ranks: string[]
  max_payout_percent: string
  hold_days: string
  compression: boolean
  retail_profit: boolean
  min_pv: string
  window_days: string
  ranks: RankForm[]
  /** "eur 50, usd 40": the minimum payout per currency ("" = none) */
  min_payout: string
}

export type PlanFormErrors = {
  levels: (string | null)[]
  level_ranks: (string | null)[]
  max_payout_percent: string | null
  hold_days: string | null
  total: string | null
  min_pv: string | null
  window_days: string | null
  ranks: (string | null)[]
  min_payout: string | null
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

const POINTS = /^\d+(\.\d{1,2})?$/
const checkPoints = (text: string, what: string) => (POINTS.test(text.trim()) ? null : `${what}: points, 0 or more, at most 2 decimals`)

/** The rank ladder: names given and distinct, minimums valid, each rank asking at least as much as the one below and more in one. */
function checkRanks(ranks: RankForm[]): (string | null)[] {
  const seen = new Set<string>()
  return ranks.map((rank, i) => {
    const name = rank.name.trim()
    if (!name) return "Give the rank a name"
    if (seen.has(name.toLowerCase())) return `"${name}" appears twice`
    seen.add(name.toLowerCase())
    const problem = checkPoints(rank.min_pv, "Min PV") ?? checkPoints(rank.min_gv, "Min GV") ?? (/^\d+$/.test(rank.min_active_legs.trim()) ? null : "Active legs: a whole number")
    if (problem) return problem
    const below = ranks[i - 1]
    if (below && [below.min_pv, below.min_gv, below.min_active_legs].every((t) => POINTS.test(t.trim()))) {
      const mine = [rank.min_pv, rank.min_gv, rank.min_active_legs].map(Number)
      const theirs = [below.min_pv, below.min_gv, below.min_active_legs].map(Number)
      if (mine.some((v, k) => v < theirs[k]) || mine.every((v, k) => v === theirs[k])) {
        return `Ranks go lowest first: ask at least as much as "${below.name.trim()}" in every minimum and more in one`
      }
    }
    return null
  })
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
  const rankNames = form.ranks.map((r) => r.name.trim())
  const level_ranks = form.levels.map((_, i) => {
    const wanted = form.level_ranks[i] ?? ""
    return wanted && !rankNames.includes(wanted) ? `"${wanted}" is no longer a rank: pick another or any` : null
  })
  const min_pv = checkPoints(form.min_pv, "Minimum PV")
  const window = form.window_days.trim()
  const window_days = /^\d+$/.test(window) && Number(window) >= 1 && Number(window) <= 366 ? null : "Enter whole days from 1 to 366"
  const ranks = checkRanks(form.ranks)
  const minimums = parseMinPayout(form.min_payout)
  const errors = { levels, level_ranks, max_payout_percent: cap, hold_days: hold, total, min_pv, window_days, ranks, min_payout: minimums.error }
  const valid =
    levels.every((e) => !e) && level_ranks.every((e) => !e) && ranks.every((e) => !e) && !cap && !hold && !total && !min_pv && !window_days && !minimums.error
  return {
    errors,
    plan: valid
      ? {
          ...(form.name.trim() ? { name: form.name.trim() } : {}),
          levels: form.levels.map((text, i) => ({
            level: i + 1,
            percent: Number(text.trim()),
            ...(form.level_ranks[i] ? { min_rank: form.level_ranks[i] } : {}),
          })),
          max_payout_percent: Number(form.max_payout_percent.trim()),
          hold_days: Number(days),
          compression: form.compression,
          retail_profit: form.retail_profit,
          activity: { min_pv: Number(form.min_pv.trim()), window_days: Number(window) },
          ranks: form.ranks.map((r) => ({
            name: r.name.trim(),
            min_pv: Number(r.min_pv.trim()),
            min_gv: Number(r.min_gv.trim()),
            min_active_legs: Number(r.min_active_legs.trim()),
          })),
          min_payout: minimums.value,
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
        level_ranks: plan.levels.map((l) => l.min_rank ?? ""),
        max_payout_percent: String(plan.max_payout_percent),
        hold_days: String(plan.hold_days),
        compression: plan.compression,
        retail_profit: plan.retail_profit,
        min_pv: String(plan.activity?.min_pv ?? 0),
        window_days: String(plan.activity?.window_days ?? 30),
        ranks: (plan.ranks ?? []).map((r) => ({
          name: r.name,
          min_pv: String(r.min_pv),
          min_gv: String(r.min_gv),
          min_active_legs: String(r.min_active_legs),
        })),
        min_payout: minPayoutText(plan.min_payout ?? {}),
      }
    : {
        name: "",
        levels: ["10", "5", "3"],
        level_ranks: ["", "", ""],
        max_payout_percent: "50",
        hold_days: "30",
        compression: true,
        retail_profit: false,
        min_pv: "0",
        window_days: "30",
        ranks: [],
        min_payout: "",
      }
}

/** `{ eur: 50 }` as the form shows it: "eur 50". */
export const minPayoutText = (minimums: Record<string, number>) =>
  Object.entries(minimums)
    .map(([currency, amount]) => `${currency} ${amount}`)
    .join(", ")

/** "eur 50, usd 40" -> `{ eur: 50, usd: 40 }`, or what is wrong with it. */
export function parseMinPayout(text: string): { value: Record<string, number>; error: string | null } {
  const value: Record<string, number> = {}
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-zA-Z]{3})\s*:?\s*(\d+(\.\d{1,2})?)$/.exec(part)
    if (!match) return { value: {}, error: `"${part}" is not a currency and an amount, e.g. "eur 50" (at most 2 decimals)` }
    const currency = match[1].toLowerCase()
    if (currency in value) return { value: {}, error: `${currency.toUpperCase()} is given twice` }
    value[currency] = Number(match[2])
  }
  return { value, error: null }
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
  for (let i = 0; i < next.levels.length; i++) {
    const before = active.levels[i]?.min_rank ?? null
    const after = next.levels[i]?.min_rank ?? null
    if (active.levels[i] && before !== after) changes.push(`Level ${i + 1} rank: ${before ?? "any"} → ${after ?? "any"}`)
  }
  const activity = active.activity ?? { min_pv: 0, window_days: 30 }
  if (activity.min_pv !== next.activity.min_pv || activity.window_days !== next.activity.window_days) {
    changes.push(`Activity: ${activity.min_pv} PV in ${activity.window_days} days → ${next.activity.min_pv} PV in ${next.activity.window_days} days`)
  }
  const ladder = (ranks: PlanDraft["ranks"]) => ranks.map((r) => `${r.name} (${r.min_pv} PV, ${r.min_gv} GV, ${r.min_active_legs} legs)`).join(", ") || "none"
  if (ladder(active.ranks ?? []) !== ladder(next.ranks)) changes.push(`Ranks: ${ladder(active.ranks ?? [])} → ${ladder(next.ranks)}`)
  if (minPayoutText(active.min_payout ?? {}) !== minPayoutText(next.min_payout)) {
    changes.push(`Minimum payout: ${minPayoutText(active.min_payout ?? {}) || "none"} → ${minPayoutText(next.min_payout) || "none"}`)
  }
  if (next.name !== undefined && next.name !== active.name) changes.push(`Name: "${active.name}" → "${next.name}"`)
  return changes
}
