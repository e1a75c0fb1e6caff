/**
 * `medusa-plugin-mlm/storefront`: the storefront kit. Typed calls over Medusa's js-sdk for every
 * store route of the plugin, and the referral link convention (referral.ts) with a helper for a
 * Next.js (or any) middleware. No server code: safe to bundle into a storefront.
 *
 *   import Medusa from "@medusajs/js-sdk"
 *   import { mlm } from "medusa-plugin-mlm/storefront"
 *   const sdk = new Medusa({ baseUrl, publishableKey })
 *   const { storefront } = await mlm(sdk).getStorefront("anna")
 */
import type { SiteContact } from "../modules/network/types"
import type { StoreCommissionLine } from "../types/commission-line"
import type {
  CartReferralAnswer,
  CommissionsAnswer,
  DownlineAnswer,
  EnrolAnswer,
  HandleAvailability,
  JoinAnswer,
  MembershipAnswer,
  OwnStorefrontAnswer,
  PayoutMethodAnswer,
  ReferralAnswer,
  StatementAnswer,
  StoreMe,
  StorePayoutsAnswer,
  StorefrontAnswer,
} from "../types/store"

export * from "./referral"
// the types of every answer, and of what they hold
export type * from "../types/store"
export type { OwnStorefrontView, SiteContact, StoreDownlineMember, StoreMembership, StorefrontView } from "../modules/network/types"
export type { CommissionTotals, StoreCommissionLine } from "../types/commission-line"
export type { PayoutMethodView, Statement } from "../types/payout"

/** The part of the js-sdk the kit uses (`sdk.client.fetch`), so any version with it works. */
export type MedusaSdkLike = {
  client: {
    fetch<T>(path: string, init?: { method?: string; body?: Record<string, any> | FormData; query?: Record<string, any>; headers?: Record<string, string | null> }): Promise<T>
  }
}

export type MlmKitOptions = {
  /**
   * Headers for every call, such as the logged-in customer's `authorization` in a server-rendered
   * storefront that keeps the token in a cookie (the DTC starter does); a function is asked per call.
   */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>)
}

export type StorefrontEdit = {
  bio?: string | null
  avatar_url?: string | null
  contact?: SiteContact | null
  featured_product_ids?: string[]
}

/** The plugin's store routes over a js-sdk instance (customer routes use the sdk's logged-in session or token). */
export function mlm(sdk: MedusaSdkLike, options: MlmKitOptions = {}) {
  const headers = async () => (typeof options.headers === "function" ? await options.headers() : options.headers) ?? {}
  const get = async <T>(path: string, query?: Record<string, unknown>) => sdk.client.fetch<T>(path, { method: "GET", query, headers: await headers() })
  const post = async <T>(path: string, body: Record<string, any>) => sdk.client.fetch<T>(path, { method: "POST", body, headers: await headers() })
  return {
    /** A distributor's public page; rejects with 404 for unknown or inactive handles. */
    getStorefront: (handle: string) => get<StorefrontAnswer>(`/store/mlm/storefronts/${encodeURIComponent(handle)}`),
    /** Credits a cart to a distributor's link (call once, when the cart is created or first updated). */
    attachReferral: (cartId: string, handle: string) =>
      post<ReferralAnswer>(`/store/mlm/carts/${encodeURIComponent(cartId)}/referral`, { handle }),
    /** The cart's referral ("You are shopping with ..."); `referral` is null for a cart that came through no link. */
    cartReferral: (cartId: string) => get<CartReferralAnswer>(`/store/mlm/carts/${encodeURIComponent(cartId)}/referral`),
    /** The logged-in customer becomes a distributor (sponsor: given, else their referral, else none). */
    enrol: (body: { handle: string; display_name?: string; sponsor_handle?: string }) =>
      post<EnrolAnswer>("/store/mlm/distributors", body),
    /** The logged-in customer joins as a member (preferred customer): member prices, no business. */
    joinAsMember: (body: { sponsor_handle?: string } = {}) => post<JoinAnswer>("/store/mlm/members", body),
    /** Whether a handle is free to enrol with (for a live check while typing); `reason` says why not. */
    handleAvailability: (handle: string) => get<HandleAvailability>(`/store/mlm/handles/${encodeURIComponent(handle.trim().toLowerCase())}`),
    /** How the logged-in customer gets member prices (preferred customer or distributor); rejects with 404 if they do not. */
    membership: () => get<MembershipAnswer>("/store/mlm/members/me"),
    me: () => get<StoreMe>("/store/mlm/me"),
    /** The team level by level; `under` lists below one team member (open a tree one member at a time, with depth 1). */
    downline: (query: { depth?: number; limit?: number; offset?: number; cursor?: string; under?: string } = {}) =>
      get<DownlineAnswer>("/store/mlm/me/downline", query),
    commissions: (query: { status?: StoreCommissionLine["status"]; limit?: number; offset?: number } = {}) =>
      get<CommissionsAnswer>("/store/mlm/me/commissions", query),
    myStorefront: () => get<OwnStorefrontAnswer>("/store/mlm/me/storefront"),
    updateMyStorefront: (edit: StorefrontEdit) => post<OwnStorefrontAnswer>("/store/mlm/me/storefront", edit),
    /** How the distributor is paid (provider, whether it is usable and why not, the shop's providers). */
    payoutMethod: () => get<PayoutMethodAnswer>("/store/mlm/me/payout-method"),
    setPayoutMethod: (body: { provider: string; details?: Record<string, unknown> }) => post<PayoutMethodAnswer>("/store/mlm/me/payout-method", body),
    /** The distributor's payouts, newest first, each with the lines it paid. */
    payouts: (query: { limit?: number; offset?: number } = {}) => get<StorePayoutsAnswer>("/store/mlm/me/payouts", query),
    /** A month's statement (`YYYY-MM`, default the current month): opening, earned, clawed back, paid, closing per currency, every entry explained. */
    statement: (month?: string) => get<StatementAnswer>("/store/mlm/me/statement", month ? { month } : {}),
    /** The site photo (a JPEG, PNG or WebP image up to 2 MB, e.g. a File from an input), stored through the shop's File module. */
    uploadMyPhoto: async (photo: Blob, filename = "photo") => {
      const form = new FormData()
      form.append("file", photo, filename)
      // the browser sets the multipart content type with its boundary
      return sdk.client.fetch<OwnStorefrontAnswer>("/store/mlm/me/storefront/photo", { method: "POST", body: form, headers: { ...(await headers()), "content-type": null } })
    },
  }
}
