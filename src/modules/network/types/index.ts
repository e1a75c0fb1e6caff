import type { RankSummary, VolumeSummary } from "../../../types/plan"
import type { AttributionCorrection, DistributorStatus, SiteContact } from "../../../types/admin"
export type { DistributorStatus }

export interface DistributorDTO {
  id: string
  handle: string
  display_name: string
  status: DistributorStatus
  sponsor_id: string | null
  customer_id: string
  enrolled_at: Date
  path: string
  depth: number
  downline_count: number
  /** the last UTC day number they stay active with the volume known now; null: not active */
  active_until?: number | null
  subtree_active_until?: number | null
  rank?: string | null
  highest_rank?: string | null
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

export interface EnrollDistributorInput {
  id?: string
  handle: string
  display_name: string
  customer_id: string
  sponsor_id?: string | null
  status?: DistributorStatus
  enrolled_at?: Date
  metadata?: Record<string, unknown> | null
}

/** One ancestor, level 1 = the sponsor. */
export interface UplineMember {
  id: string
  handle: string
  display_name: string
  status: DistributorStatus
  depth: number
  level: number
}

export interface DownlineMember {
  id: string
  handle: string
  display_name: string
  status: DistributorStatus
  sponsor_id: string
  sponsor_handle: string
  level: number
  enrolled_at: Date
  /** Everyone below this member (the maintained counter). */
  downline_count: number
}

export interface TeamCounts {
  frontline_count: number
  downline_count: number
}

export interface CartReferralDTO {
  id: string
  cart_id: string
  distributor_id: string
  handle: string
  source: "link" | "admin"
  touches: { handle: string; distributor_id: string; source: "link" | "admin"; at: string }[]
  created_at: Date
  updated_at: Date
}

export interface OrderAttributionDTO {
  id: string
  order_id: string
  cart_id: string | null
  customer_id: string | null
  distributor_id: string
  source: "link" | "lifetime" | "enrollment" | "self" | "admin"
  referral_handle: string | null
  corrected_by: string | null
  corrected_at: Date | null
  history: AttributionCorrection[] | null
  created_at: Date
  updated_at: Date
}

/** What attributing an order reads about its cart and customer (`readAttributionFacts`). */
export interface AttributionFactsRow {
  /** the cart's referral, when its distributor still exists */
  referral: { distributor_id: string; handle: string; touches: CartReferralDTO["touches"]; status: DistributorStatus } | null
  /** the customer's lifetime binding, when its distributor still exists */
  binding: { distributor_id: string; source: CustomerBindingDTO["source"]; status: DistributorStatus } | null
  /** the buyer's own distributor record */
  buyer: { id: string; status: DistributorStatus } | null
}

/** What attributeOrder writes: one per order, first writer wins. */
export interface NewOrderAttribution {
  order_id: string
  cart_id: string | null
  customer_id: string | null
  distributor_id: string
  source: string
  referral_handle: string | null
}

export interface NetworkSettingDTO {
  id: string
  key: string
  value: string
  created_at: Date
  updated_at: Date
}

export interface CustomerBindingDTO {
  id: string
  customer_id: string
  distributor_id: string
  source: "order" | "enrollment" | "admin"
  order_id: string | null
  created_at: Date
  updated_at: Date
}

export interface PreferredCustomerDTO {
  id: string
  customer_id: string
  sponsor_id: string | null
  created_at: Date
  updated_at: Date
}

/** The fields of a distributor's site an admin can hide from the public page. */
export const SITE_FIELDS = ["bio", "avatar_url", "contact"] as const
export type SiteField = (typeof SITE_FIELDS)[number]
export const MAX_FEATURED_PRODUCTS = 8

export type { SiteContact }

export interface DistributorSiteDTO {
  id: string
  distributor_id: string
  bio: string | null
  avatar_url: string | null
  contact: SiteContact | null
  featured_product_ids: string[]
  hidden_fields: SiteField[]
  created_at: Date
  updated_at: Date
}

/** A featured product as a distributor's page shows it (the storefront fetches prices for its region). */
export type FeaturedProduct = { id: string; title: string; handle: string; subtitle: string | null; thumbnail: string | null }

/** `GET /store/mlm/storefronts/:handle`: the public page; a field an admin hid is null. */
export type StorefrontView = {
  handle: string
  display_name: string
  store_url: string
  bio: string | null
  avatar_url: string | null
  contact: SiteContact | null
  featured_products: FeaturedProduct[]
}

/** `POST /store/mlm/me/storefront`: the owner's view, with what is hidden from the public page. */
export type OwnStorefrontView = StorefrontView & { featured_product_ids: string[]; hidden_fields: SiteField[] }

/** `GET /store/mlm/me`: the distributor's own record (store view). */
export type StoreMe = {
  distributor: {
    id: string
    handle: string
    display_name: string
    status: DistributorStatus
    store_url: string
    sponsor: { handle: string; display_name: string } | null
    depth: number
    enrolled_at: string | Date
  }
  stats: { frontline_count: number; downline_count: number }
  /** PV and GV over the plan's window ending today, active legs today, and activity */
  volume: VolumeSummary
  /** the rank the volume reaches today, and the highest ever reached (the title) */
  rank: RankSummary
}

/** `GET /store/mlm/members/me`: how the logged-in customer gets member prices. */
export type StoreMembership = {
  as: "preferred_customer" | "distributor"
  sponsor: { handle: string; display_name: string } | null
  joined_at: string | Date
}

/** `GET /store/mlm/handles/:handle`: can a customer still enrol with this handle? `reason` says why not. */
export type HandleAvailability = { handle: string; available: boolean; reason: string | null }

/** One member of `GET /store/mlm/me/downline` (no ids or personal data of the team). */
export type StoreDownlineMember = {
  handle: string
  display_name: string
  status: DistributorStatus
  level: number
  sponsor_handle: string
  joined_at: string | Date
  /** How many are below this member: a tree opens only members with a team. */
  team_size: number
  /** active today: status active and PV over the plan's window reaching its minimum */
  active: boolean
  /** PV over the plan's window ending today */
  pv: number
}
