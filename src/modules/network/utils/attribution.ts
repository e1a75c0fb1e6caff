/**
 * Who an order is credited to, as a pure rule (DESIGN.md, issue 3):
 * 1. The buyer is a distributor: their own order ("self"); commissions start at their sponsor.
 * 2. The cart carries a referral touched within the attribution window: the referring distributor
 *    ("link"); with lifetime binding on, a customer not yet bound is bound to them.
 * 3. The customer is bound (lifetime binding on): "enrollment" if they joined under that sponsor,
 *    else "lifetime".
 * 4. Otherwise nobody.
 * Terminated distributors are never credited: the rule falls through to the next one.
 */
export type AttributionSource = "link" | "lifetime" | "enrollment" | "self" | "admin"

type Person = { id: string; status: "active" | "inactive" | "terminated" }

export type AttributionFacts = {
  buyer: Person | null
  /** `touched_at` is when the touch the referral follows happened (see effectiveTouch). */
  referral: { distributor: Person; handle: string; touched_at?: string } | null
  binding: { distributor: Person; source: "order" | "enrollment" | "admin" } | null
  lifetimeBinding: boolean
  /** The order's placement time and the window in days; without them every referral counts. */
  placedAt?: string
  windowDays?: number
}

export type AttributionDecision = {
  distributor_id: string
  source: AttributionSource
  referral_handle: string | null
  /** Bind the customer to this distributor for life (first purchase through a link). */
  bind_to: string | null
}

const creditable = (person: Person | null | undefined): person is Person => !!person && person.status !== "terminated"

export function decideAttribution(facts: AttributionFacts): AttributionDecision | null {
  if (creditable(facts.buyer)) {
    return { distributor_id: facts.buyer.id, source: "self", referral_handle: facts.referral?.handle ?? null, bind_to: null }
  }
  if (facts.referral && creditable(facts.referral.distributor) && withinWindow(facts)) {
    const bind = facts.lifetimeBinding && !facts.binding
    return {
      distributor_id: facts.referral.distributor.id,
      source: "link",
      referral_handle: facts.referral.handle,
      bind_to: bind ? facts.referral.distributor.id : null,
    }
  }
  if (facts.lifetimeBinding && facts.binding && creditable(facts.binding.distributor)) {
    return {
      distributor_id: facts.binding.distributor.id,
      source: facts.binding.source === "enrollment" ? "enrollment" : "lifetime",
      referral_handle: null,
      bind_to: null,
    }
  }
  return null
}

function withinWindow(facts: AttributionFacts): boolean {
  if (!facts.referral?.touched_at || !facts.placedAt || !facts.windowDays) return true
  const ageMs = Date.parse(facts.placedAt) - Date.parse(facts.referral.touched_at)
  return ageMs <= facts.windowDays * 24 * 60 * 60 * 1000
}

export type ReferralTouch = { handle: string; distributor_id: string; source: "link" | "admin"; at: string }

/** Which touch a cart's referral follows: the newest (last_touch) or the oldest (first_touch). */
export function effectiveTouch(touches: ReferralTouch[], policy: "last_touch" | "first_touch"): ReferralTouch | null {
  if (!touches.length) return null
  return policy === "first_touch" ? touches[0] : touches[touches.length - 1]
}

/**
 * The lifetime binding an order's attribution makes, or null: the customer is bound to the
 * distributor the decision names, when the order was credited to that same distributor (an
 * attribution found already written may name another). Checked again when the attribution was found
 * already written, so a redelivered order.placed finishes what a crash left undone.
 */
export function bindingOf(
  decision: AttributionDecision | null,
  order: { order_id: string; customer_id: string | null },
  credited: { distributor_id: string } | null
): { customer_id: string; distributor_id: string; source: "order"; order_id: string } | null {
  if (!decision?.bind_to || !order.customer_id || !credited || credited.distributor_id !== decision.bind_to) return null
  return { customer_id: order.customer_id, distributor_id: decision.bind_to, source: "order", order_id: order.order_id }
}
