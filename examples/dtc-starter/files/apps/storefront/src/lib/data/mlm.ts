"use server"

// medusa-plugin-mlm in the storefront: the plugin's store routes through its kit, with the logged-in
// customer's token from the starter's cookie, and the referral cookie the middleware sets.
import {
  REFERRAL_COOKIE,
  type CommissionsAnswer,
  type DownlineAnswer,
  type HandleAvailability,
  type OwnStorefrontView,
  type StoreDownlineMember,
  type StoreMe,
  type StoreMembership,
  type StorefrontView,
} from "medusa-plugin-mlm/storefront"
import { cookies } from "next/headers"
import { mlmKit } from "./mlm-kit"

const kit = mlmKit

/** Which cart got which referral: the referral is attached once per cart and handle. */
const ATTACHED_COOKIE = "_mlm_ref_cart"

const status = (error: unknown) => (error as { status?: number })?.status

/** The distributor whose link brought this visitor here, or null. */
export async function getReferrer(): Promise<StorefrontView | null> {
  const handle = (await cookies()).get(REFERRAL_COOKIE)?.value
  return handle ? getDistributorPage(handle) : null
}

/** A distributor's public page, or null for an unknown or inactive handle. */
export async function getDistributorPage(handle: string): Promise<StorefrontView | null> {
  return kit()
    .getStorefront(handle)
    .then(({ storefront }) => storefront)
    .catch(() => null)
}

/**
 * Credits the cart to the referral, once: called where the cart is created and where it is first
 * updated (a visitor who had a cart before following a link). A handle the plugin refuses (no longer
 * active, cart completed) is not asked again; an outage is, at the next update.
 */
export async function attachReferralOnce(cartId: string): Promise<void> {
  const jar = await cookies()
  const handle = jar.get(REFERRAL_COOKIE)?.value
  if (!handle) return
  const marker = `${cartId}:${handle}`
  if (jar.get(ATTACHED_COOKIE)?.value === marker) return
  try {
    await kit().attachReferral(cartId, handle)
  } catch (error) {
    const code = status(error)
    if (!code || code >= 500) return
  }
  jar.set(ATTACHED_COOKIE, marker, { maxAge: 60 * 60 * 24 * 30, httpOnly: true, sameSite: "lax", path: "/" })
}

export type Business = {
  me: StoreMe
  team: DownlineAnswer
  commissions: CommissionsAnswer
  /** the distributor's own page as they edit it */
  site: OwnStorefrontView
}

/** The account area's view of the logged-in customer: distributor, member, or neither. */
export async function getAccountStanding(): Promise<{ business: Business | null; membership: StoreMembership | null }> {
  const k = kit()
  const me = await k.me().catch(() => null)
  if (!me) {
    const membership = await k
      .membership()
      .then(({ member }) => member)
      .catch(() => null)
    return { business: null, membership }
  }
  const [team, commissions, { storefront: site }] = await Promise.all([k.downline({ depth: 1, limit: 50 }), k.commissions({ limit: 50 }), k.myStorefront()])
  return { business: { me, team, commissions, site }, membership: null }
}

/** One branch of the team tree: the members right below `handle` (levels count from the asker). */
export async function loadTeamBranch(handle: string): Promise<StoreDownlineMember[]> {
  const { members } = await kit().downline({ under: handle, depth: 1, limit: 50 })
  return members
}

/** The live check while a customer types a handle. */
export async function checkHandle(handle: string): Promise<HandleAvailability> {
  return kit().handleAvailability(handle)
}

export type FormState = { error: string | null; done: boolean }

/**
 * The sponsor a sign-up names: the referral, if its distributor is still active. A cookie left by a
 * distributor who has since left would otherwise refuse every enrolment until it expires.
 */
async function referringHandle(): Promise<string | undefined> {
  return (await getReferrer())?.handle
}

/** "Become a distributor": the sponsor is the referral (the plugin reads it from the customer's cart or binding). */
export async function enrolAsDistributor(formData: FormData): Promise<FormState> {
  const handle = String(formData.get("handle") ?? "").trim()
  const displayName = String(formData.get("display_name") ?? "").trim()
  const sponsor = await referringHandle()
  try {
    await kit().enrol({ handle, display_name: displayName || undefined, sponsor_handle: sponsor })
  } catch (error) {
    return { error: (error as Error).message || "Enrolment failed", done: false }
  }
  return { error: null, done: true }
}

/** "Join as a member": member prices from now on, sponsored by the referral if there is one. */
export async function joinAsMember(): Promise<FormState> {
  const sponsor = await referringHandle()
  try {
    await kit().joinAsMember(sponsor ? { sponsor_handle: sponsor } : {})
  } catch (error) {
    return { error: (error as Error).message || "Joining failed", done: false }
  }
  return { error: null, done: true }
}

/** "Your page": the bio and how to reach the distributor (the photo goes through /api/mlm/photo). */
export async function saveMySite(formData: FormData): Promise<FormState> {
  // a form posts a textarea's line breaks as CRLF; the page keeps plain LF
  const text = (name: string) => String(formData.get(name) ?? "").replace(/\r\n?/g, "\n").trim()
  const contact = { email: text("contact_email") || undefined, phone: text("contact_phone") || undefined }
  try {
    await kit().updateMyStorefront({
      bio: text("bio") || null,
      contact: contact.email || contact.phone ? contact : null,
      featured_product_ids: formData.getAll("featured_product_ids").map(String),
    })
  } catch (error) {
    return { error: (error as Error).message || "Saving your page failed", done: false }
  }
  return { error: null, done: true }
}
