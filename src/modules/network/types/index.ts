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
