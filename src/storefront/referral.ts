/**
 * The referral link convention of medusa-plugin-mlm, free of any framework: `/{handle}` and
 * `?ref={handle}` put the distributor's handle in the referral cookie and send the visitor on into
 * the storefront's own routes. Real pages, assets and unknown handles are left alone.
 */

/** The cookie that carries a referral from the link to the cart. */
export const REFERRAL_COOKIE = "mlm_ref"
/** The query parameter of a shared link (`https://shop.example/products/x?ref=anna`). */
export const REFERRAL_PARAM = "ref"

const HANDLE = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/

export type ReferralCookie = { name: string; value: string; maxAge: number; path: "/"; sameSite: "lax"; httpOnly: false }

/** The cookie for a handle; it lives as long as the shop's attribution window (plugin option `attribution.window_days`). */
export function referralCookie(handle: string, windowDays = 30): ReferralCookie {
  return { name: REFERRAL_COOKIE, value: handle, maxAge: Math.round(windowDays * 86_400), path: "/", sameSite: "lax", httpOnly: false }
}

export type ReferralRoutingOptions = {
  /** Whether a handle belongs to an active distributor (see cachedHandleLookup). */
  isHandle: (handle: string) => Promise<boolean>
  /** First path segments that are the storefront's own (country codes, `account`, `products`, ...). */
  ownSegments?: Iterable<string>
  /**
   * Where a `/{handle}` visitor lands (default `/`: the storefront's own entry, with its country
   * detection). A function gets the handle, to land on the distributor's own page.
   */
  landing?: string | ((handle: string) => string)
  /** The attribution window in days: the cookie's lifetime. */
  windowDays?: number
}

export type ReferralDecision =
  /** Not a referral: let the request through untouched. */
  | { action: "pass" }
  /**
   * A referral: set the cookie and go on to `location` (same origin): the landing page for
   * `/{handle}`, the same page without the parameter for `?ref=`.
   */
  | { action: "redirect"; location: string; cookie: ReferralCookie }

/** Paths that are never a handle: files (with a dot), framework and API routes. */
const NEVER = /^\/(_next|api|static|assets|favicon|robots|sitemap)(\/|$)|\.[a-z0-9]+$/i

/**
 * What to do with one request URL. At most one handle lookup per request, and none for assets,
 * the storefront's own routes or paths that cannot be a handle.
 */
export async function decideReferral(url: URL, options: ReferralRoutingOptions): Promise<ReferralDecision> {
  const pass = { action: "pass" } as const
  if (NEVER.test(url.pathname)) return pass
  const own = new Set([...(options.ownSegments ?? [])].map((s) => s.toLowerCase()))
  const ref = url.searchParams.get(REFERRAL_PARAM)?.trim().toLowerCase()
  if (ref) {
    if (!HANDLE.test(ref) || !(await options.isHandle(ref))) return pass
    const next = new URL(url)
    next.searchParams.delete(REFERRAL_PARAM)
    return { action: "redirect", location: next.pathname + next.search, cookie: referralCookie(ref, options.windowDays) }
  }
  const segments = url.pathname.split("/").filter(Boolean)
  if (segments.length !== 1) return pass
  const handle = decodeURIComponent(segments[0]).toLowerCase()
  if (own.has(handle) || !HANDLE.test(handle) || !(await options.isHandle(handle))) return pass
  const target = typeof options.landing === "function" ? options.landing(handle) : options.landing
  const landing = new URL(target ?? "/", url)
  return { action: "redirect", location: landing.pathname + landing.search, cookie: referralCookie(handle, options.windowDays) }
}

/**
 * A handle lookup that asks the store API once per handle and remembers the answer (found or not)
 * for `ttlMs`, so a busy storefront does not ask on every request. Lookups of one handle that
 * overlap share one request.
 */
export function cachedHandleLookup(
  exists: (handle: string) => Promise<boolean>,
  { ttlMs = 5 * 60_000, maxEntries = 10_000, now = () => Date.now() } = {}
): (handle: string) => Promise<boolean> {
  const cache = new Map<string, { until: number; answer: Promise<boolean> }>()
  return (handle) => {
    const hit = cache.get(handle)
    if (hit && hit.until > now()) return hit.answer
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string)
    const answer = exists(handle).catch(() => {
      cache.delete(handle) // an outage is not an answer: ask again next time
      return false
    })
    cache.set(handle, { until: now() + ttlMs, answer })
    return answer
  }
}

/** Asks `GET /store/mlm/storefronts/:handle` whether a handle is an active distributor's. */
export function storefrontExists(backendUrl: string, publishableKey: string, fetchImpl: typeof fetch = fetch) {
  return async (handle: string) => {
    const res = await fetchImpl(`${backendUrl.replace(/\/$/, "")}/store/mlm/storefronts/${encodeURIComponent(handle)}`, {
      headers: { "x-publishable-api-key": publishableKey },
    })
    if (res.status === 404) return false
    if (!res.ok) throw new Error(`storefront lookup answered ${res.status}`)
    return true
  }
}
