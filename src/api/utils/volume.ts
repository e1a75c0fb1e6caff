import { MedusaContainer } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import type NetworkModuleService from "../../modules/network/service"
import type { DistributorDTO } from "../../modules/network/types"
import { dayNumber, higherRank, isActive, rankOf } from "../../modules/commission/utils/qualification"
import type { RankSummary, VolumeSummary } from "../../types/plan"

const activeRules = (scope: MedusaContainer) => scope.resolve<CommissionModuleService>(COMMISSION_MODULE).retrieveActiveRules()

/**
 * A distributor's volume today (window ending today, from the maintained daily volumes: a few
 * index reads, no team scan) and their rank: the one today's volume reaches, and the highest
 * ever reached.
 */
export async function volumeAndRank(
  scope: MedusaContainer,
  network: NetworkModuleService,
  distributor: Pick<DistributorDTO, "id" | "status" | "highest_rank">
): Promise<{ volume: VolumeSummary; rank: RankSummary }> {
  const { activity, ranks } = await activeRules(scope)
  const today = dayNumber(new Date())
  const facts = (await network.readVolumeFacts([distributor.id], today, activity.window_days))[distributor.id] ?? { pv: "0", gv: "0", active_legs: 0 }
  const current = rankOf(ranks, facts)
  return {
    volume: {
      window_days: activity.window_days,
      pv: MathBN.convert(facts.pv).toNumber(),
      gv: MathBN.convert(facts.gv).toNumber(),
      active_legs: facts.active_legs,
      active: isActive(distributor.status, facts.pv, activity),
    },
    rank: { current, highest: higherRank(ranks.map((r) => r.name), distributor.highest_rank ?? null, current) },
  }
}

/** PV today and activity of a page of members (one grouped read of their daily volumes). */
export async function membersActivity(
  scope: MedusaContainer,
  network: NetworkModuleService,
  members: { id: string; status: string }[]
): Promise<Map<string, { pv: number; active: boolean }>> {
  const { activity } = await activeRules(scope)
  const pv = await network.windowPv(members.map((m) => m.id), dayNumber(new Date()), activity.window_days)
  return new Map(members.map((m) => [m.id, { pv: MathBN.convert(pv[m.id] ?? 0).toNumber(), active: isActive(m.status, pv[m.id] ?? 0, activity) }]))
}
