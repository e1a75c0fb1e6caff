export type DistributorStatus = "active" | "inactive" | "terminated"

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
  history: Record<string, unknown>[] | null
  created_at: Date
  updated_at: Date
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
