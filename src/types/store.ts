/**
 * The store API's answers (API.md, "Store"), one type per route: the plugin's store routes answer
 * them (`MedusaResponse<JsonOf<T>>`) and the storefront kit (`medusa-plugin-mlm/storefront`) returns
 * them. Type imports only: the kit bundles into a storefront.
 */
import type { CommissionTotals, StoreCommissionLine } from "./commission-line"
import type { PayoutMethodView, PayoutStatus, Statement } from "./payout"
import type {
  HandleAvailability,
  OwnStorefrontView,
  StoreDownlineMember,
  StoreMe,
  StoreMembership,
  StorefrontView,
} from "../modules/network/types"

export type { HandleAvailability, StoreMe }

/** `GET /store/mlm/storefronts/:handle`: a distributor's public page. */
export type StorefrontAnswer = { storefront: StorefrontView }

/** A cart's referral as the store sees it: whose link, and every visit through a link. */
export type CartReferralView = {
  cart_id: string
  handle: string
  display_name: string
  store_url: string
  source: string
  touches: { handle: string; source: string; at: string }[]
}
/** `POST /store/mlm/carts/:id/referral` */
export type ReferralAnswer = { referral: CartReferralView }
/** `GET /store/mlm/carts/:id/referral`: null when the cart came through no link */
export type CartReferralAnswer = { referral: CartReferralView | null }

/** `POST /store/mlm/distributors`: the new distributor (the customer's own record). */
export type EnrolAnswer = { distributor: StoreMe["distributor"] }

/** `POST /store/mlm/members`: the customer joined as a preferred customer. */
export type JoinAnswer = {
  member: { customer_id: string; member_group_id: string; sponsor: { handle: string; display_name: string } | null; joined_at: string }
}
/** `GET /store/mlm/members/me` */
export type MembershipAnswer = { member: StoreMembership }

/** `GET /store/mlm/me/downline` */
export type DownlineAnswer = { members: StoreDownlineMember[]; count: number; limit: number; offset: number; next_cursor: string | null }
/** `GET /store/mlm/me/commissions` */
export type CommissionsAnswer = { commissions: StoreCommissionLine[]; count: number; limit: number; offset: number; totals: CommissionTotals }
/** `GET, POST /store/mlm/me/storefront` and its photo upload: the owner's view of their page. */
export type OwnStorefrontAnswer = { storefront: OwnStorefrontView }

/** `GET, POST /store/mlm/me/payout-method` */
export type PayoutMethodAnswer = { payout_method: PayoutMethodView }
/** One of the distributor's payouts with the lines it paid (order display ids, no order ids). */
export type StorePayout = {
  id: string
  amount: number
  currency_code: string
  status: PayoutStatus
  provider: string
  reference: string | null
  /** why it failed, for a failed payout */
  message: string | null
  created_at: string
  paid_at: string | null
  lines: StoreCommissionLine[]
}
/** `GET /store/mlm/me/payouts`, newest first */
export type StorePayoutsAnswer = { payouts: StorePayout[]; count: number; limit: number; offset: number }
/** `GET /store/mlm/me/statement?month=YYYY-MM` (JSON; `format=csv` answers the same as a file) */
export type StatementAnswer = { statement: Statement }
