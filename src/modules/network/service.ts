import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MathBN,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { Distributor } from "./models/distributor"
import { NetworkSetting } from "./models/network-setting"
import { CartReferral } from "./models/cart-referral"
import { OrderAttribution } from "./models/order-attribution"
import { CustomerBinding } from "./models/customer-binding"
import { PreferredCustomer } from "./models/preferred-customer"
import { DistributorSite } from "./models/distributor-site"
import { PluginOptions, parsePluginOptions } from "./options"
import { stripModuleKeys } from "./loaders/validate-options"
import { SqlManager } from "../../types/sql"
import {
  AttributionFactsRow,
  CartReferralDTO,
  CustomerBindingDTO,
  DistributorDTO,
  NetworkSettingDTO,
  PreferredCustomerDTO,
  DistributorSiteDTO,
  NewOrderAttribution,
  OrderAttributionDTO,
  EnrollDistributorInput,
  TeamCounts,
  UplineMember,
} from "./types"
import { childPath, depthOfPath, idsInPath, isInSubtree, MAX_NETWORK_DEPTH, rootPath, subtreeRange, uplineIdsFromPath } from "./utils/path"
import { ReferralTouch } from "./utils/attribution"
import { DownlinePage, readDownlinePage } from "./downline-page"
import {
  ADJUST_DOWNLINE_COUNTS_SQL,
  ATTRIBUTION_FOR_UPDATE_SQL,
  ATTRIBUTION_SQL,
  ATTRIBUTION_FACTS_SQL,
  ATTRIBUTION_LEADS_SQL,
  CORRECT_ATTRIBUTION_SQL,
  DELETE_ATTRIBUTION_SQL,
  DISTRIBUTOR_FOR_MOVE_SQL,
  DISTRIBUTOR_SQL,
  DISTRIBUTOR_BY_HANDLE_SQL,
  ANYONE_ON_LEVEL_SQL,
  INSERT_ATTRIBUTION_SQL,
  INSERT_BINDING_SQL,
  INSERT_DISTRIBUTOR_SQL,
  LOCK_ANCESTORS_SQL,
  LOCK_GENEALOGY_EXCLUSIVE_SQL,
  LOCK_GENEALOGY_SHARED_SQL,
  MOVE_SUBTREE_SQL,
  PATH_INCONSISTENCIES_SQL,
  REMOVE_LEAF_SQL,
  RESTORE_ATTRIBUTION_SQL,
  SPONSOR_SQL,
  TEAM_COUNTS_SQL,
  UPLINE_SQL,
  SELF_AND_UPLINE_SQL,
  UPSERT_SETTING_SQL,
  ACQUIRE_LEASE_SQL,
  RELEASE_LEASE_SQL,
  upsertCartReferralSql,
  DistributorListFilters,
  DISTRIBUTORS_BY_HANDLES_SQL,
  DISTRIBUTORS_BY_CUSTOMERS_SQL,
  DELETE_IMPORTED_SQL,
  INCREMENT_DOWNLINE_COUNTS_SQL,
} from "./queries"
import { ImportProgress, writeNetworkImport } from "./import-writer"
import { applyVolume, moveGroupVolume, readVolumeFacts, refreshActivity } from "./volume"
import { ACTIVITY_ROWS_SQL, ENROLLED_AMONG_SQL, ENROLLED_BY_RANK_SQL, MONTHLY_VOLUME_SQL, RECOMPUTE_ACTIVITY_SQL, SAVE_RANKS_SQL, WINDOW_PV_SQL } from "./volume-queries"
import type { MonthlyVolume, PlanActivity } from "../../types/plan"
import { VolumeFacts, windowStart } from "../commission/utils/qualification"
import { pgCopyIn, transactionConnection } from "./pg-copy"
import { readDistributorList } from "./admin-list"
import type { ImportPlan } from "./utils/import"

/** Handles or customer ids per lookup query of an import. */
const LOOKUP_CHUNK = 20_000

/** Touches a cart referral keeps: the first one and the 19 newest. */
export const MAX_CART_TOUCHES = 20

type InjectedDependencies = Record<string, unknown>

/**
 * The genealogy, attributions, cart referrals, bindings and settings: typed data access. SQL text
 * lives in queries.ts; the rules (paths, attribution) in utils/, pure; the workflows decide.
 */
export default class NetworkModuleService extends MedusaService<{
  Distributor: { dto: DistributorDTO }
  NetworkSetting: { dto: NetworkSettingDTO }
  CartReferral: { dto: CartReferralDTO }
  OrderAttribution: { dto: OrderAttributionDTO }
  CustomerBinding: { dto: CustomerBindingDTO }
  PreferredCustomer: { dto: PreferredCustomerDTO }
  DistributorSite: { dto: DistributorSiteDTO }
}>({
  Distributor,
  NetworkSetting,
  CartReferral,
  OrderAttribution,
  CustomerBinding,
  PreferredCustomer,
  DistributorSite,
}) {
  protected readonly options_: PluginOptions

  constructor(container: InjectedDependencies, options?: Record<string, unknown>) {
    // @ts-ignore MedusaService takes the container and the module declaration
    super(...arguments)
    this.options_ = parsePluginOptions(stripModuleKeys(options))
  }

  getPluginOptions(): PluginOptions {
    return this.options_
  }

  @InjectTransactionManager()
  async enrollDistributor(
    input: EnrollDistributorInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DistributorDTO> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(LOCK_GENEALOGY_SHARED_SQL)

    const id = input.id ?? generateEntityId(undefined, "dist")
    let path = rootPath(id)
    let depth = 0
    if (input.sponsor_id) {
      // The shared advisory lock already keeps paths still (moves take it exclusively); the upline's
      // rows are locked below, in id order, for their downline counts.
      const [sponsor] = await manager.execute(SPONSOR_SQL, [input.sponsor_id])
      if (!sponsor) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sponsor ${input.sponsor_id} was not found`)
      }
      path = childPath(sponsor.path, id)
      depth = Number(sponsor.depth) + 1
      if (depth > MAX_NETWORK_DEPTH) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `The sponsor is ${MAX_NETWORK_DEPTH} levels below the top of the network, the deepest the network goes: no one can join under them`
        )
      }
    }

    // Lock the upline before inserting: the insert's foreign-key check then finds the sponsor already
    // locked by this transaction, so enrolments under the same sponsor queue instead of deadlocking.
    const upline = uplineIdsFromPath(path)
    if (upline.length) await manager.execute(LOCK_ANCESTORS_SQL, [upline])
    const [row] = await manager.execute(INSERT_DISTRIBUTOR_SQL, [
      id,
      input.handle,
      input.display_name,
      input.status ?? "active",
      input.sponsor_id ?? null,
      input.customer_id,
      input.enrolled_at ?? new Date(),
      path,
      depth,
      input.metadata ? JSON.stringify(input.metadata) : null,
    ])
    await this.adjustDownlineCounts_(manager, upline, 1)
    return toDistributor(row)
  }

  /**
   * Moves a distributor (and its whole subtree) under a new sponsor, or to the top with null.
   * One UPDATE rewrites every path of the subtree; a cycle (new sponsor inside the subtree) is refused.
   */
  @InjectTransactionManager()
  async changeSponsor(
    distributorId: string,
    newSponsorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ distributor: DistributorDTO; previous_sponsor_id: string | null; moved: number }> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(LOCK_GENEALOGY_EXCLUSIVE_SQL)

    const [node] = await manager.execute(DISTRIBUTOR_FOR_MOVE_SQL, [distributorId])
    if (!node) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Distributor ${distributorId} was not found`)
    }
    let newPath = rootPath(node.id)
    if (newSponsorId) {
      if (newSponsorId === node.id) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "A distributor cannot sponsor themself")
      }
      const [sponsor] = await manager.execute(SPONSOR_SQL, [newSponsorId])
      if (!sponsor) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sponsor ${newSponsorId} was not found`)
      }
      if (isInSubtree(sponsor.path, node.path)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          "The new sponsor is in this distributor's downline: the move would create a cycle"
        )
      }
      newPath = childPath(sponsor.path, node.id)
    }

    const oldPath: string = node.path
    const depthDelta = depthOfPath(newPath) - depthOfPath(oldPath)
    const range = subtreeRange(oldPath)
    if (depthDelta > 0) {
      // Depths along a path are contiguous: the team goes too deep if anyone is on the first level that would.
      const firstTooDeep = MAX_NETWORK_DEPTH - depthDelta + 1
      const tooDeep =
        firstTooDeep <= Number(node.depth) ||
        (await manager.execute<{ found: boolean }>(ANYONE_ON_LEVEL_SQL, [firstTooDeep, range.from, range.to]))[0].found
      if (tooDeep) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `The move would put part of this team more than ${MAX_NETWORK_DEPTH} levels below the top of the network, the deepest it goes`
        )
      }
    }
    const moved = await manager.execute(MOVE_SUBTREE_SQL, [
      newPath,
      oldPath.length + 1,
      depthDelta,
      node.id,
      newSponsorId,
      range.from,
      range.to,
    ])
    // The moved subtree leaves its old ancestors' counts and joins the new ones' (shared ones net 0),
    // and so does its group volume.
    await this.adjustDownlineCounts_(manager, uplineIdsFromPath(oldPath), -moved.length)
    await this.adjustDownlineCounts_(manager, uplineIdsFromPath(newPath), moved.length)
    await moveGroupVolume(manager.execute.bind(manager), {
      moved_id: node.id,
      old_ancestors: uplineIdsFromPath(oldPath),
      new_ancestors: uplineIdsFromPath(newPath),
    })
    const distributor = await this.retrieveDistributorRow_(node.id, manager)
    return { distributor, previous_sponsor_id: node.sponsor_id ?? null, moved: moved.length }
  }

  /**
   * What the attribution rule reads about an order's cart and customer, in one query (it was four
   * reads through the ORM: about 5 ms of CPU per order, measured): the cart's referral and the
   * customer's binding with their distributors' status, and the buyer's own distributor record.
   */
  @InjectManager()
  async readAttributionFacts(
    input: { cart_id: string | null; customer_id: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AttributionFactsRow> {
    const manager = sharedContext.manager as SqlManager
    const [row] = await manager.execute(ATTRIBUTION_FACTS_SQL, [input.cart_id, input.customer_id, input.customer_id])
    const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v ?? null)
    return { referral: parse(row?.referral), binding: parse(row?.binding), buyer: parse(row?.buyer) }
  }

  /**
   * The upline of a distributor, nearest sponsor first, in one query over the stored ancestry; with
   * `includeSelf`, the distributor first (level 0). Empty for an unknown or deleted distributor.
   */
  @InjectManager()
  async listUpline(
    distributorId: string,
    { includeSelf = false }: { includeSelf?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UplineMember[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(includeSelf ? SELF_AND_UPLINE_SQL : UPLINE_SQL, [distributorId])
    return rows.map((row: any) => ({ ...row, depth: Number(row.depth), level: Number(row.level) }))
  }

  /**
   * A page of the downline, up to `maxDepth` levels below, in (level, path) order, with the team's
   * size. Pages follow each other by `after` (the handle of the previous page's last member: a
   * keyset, as fast on page 1,000 as on page 1) or by `offset`. The count is the maintained counter
   * unless the depth limit cuts the team off; then the levels it keeps are counted from the index.
   */
  @InjectManager()
  async listDownline(
    distributorId: string,
    page: { maxDepth?: number; limit: number; offset?: number; after?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DownlinePage> {
    const manager = sharedContext.manager as SqlManager
    return readDownlinePage(manager.execute.bind(manager), distributorId, page)
  }

  /** Frontline and downline counts for many distributors in one query (no per-row queries). */
  @InjectManager()
  async countTeams(
    distributorIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, TeamCounts>> {
    const result: Record<string, TeamCounts> = {}
    if (!distributorIds.length) return result
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(TEAM_COUNTS_SQL, [distributorIds])
    for (const row of rows) {
      result[row.id] = {
        frontline_count: Number(row.frontline_count),
        downline_count: Number(row.downline_count),
      }
    }
    return result
  }

  /** The admin list: a page in enrolment order and how many match (see readDistributorList). */
  @InjectTransactionManager()
  async listDistributorPage(
    filters: DistributorListFilters,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ distributors: DistributorDTO[]; count: number; count_capped: boolean }> {
    const manager = sharedContext.transactionManager as SqlManager
    const { rows, count, count_capped } = await readDistributorList(manager.execute.bind(manager), filters, page)
    return { distributors: rows.map(toDistributor), count, count_capped }
  }

  /**
   * What an import's file refers to that already exists: the distributors it names (as handle or
   * sponsor) and, of the customers given, those already enrolled (by customer id, with their handle).
   */
  @InjectManager()
  async lookupForImport(
    handles: string[],
    customerIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ distributors: { id: string; handle: string; path: string; depth: number }[]; enrolled: { customer_id: string; handle: string }[] }> {
    const manager = sharedContext.manager as SqlManager
    const distributors: { id: string; handle: string; path: string; depth: number }[] = []
    const enrolled: { customer_id: string; handle: string }[] = []
    for (let i = 0; i < handles.length; i += LOOKUP_CHUNK) {
      const rows = await manager.execute(DISTRIBUTORS_BY_HANDLES_SQL, [JSON.stringify(handles.slice(i, i + LOOKUP_CHUNK))])
      for (const row of rows) distributors.push({ id: row.id, handle: row.handle, path: row.path, depth: Number(row.depth) })
    }
    for (let i = 0; i < customerIds.length; i += LOOKUP_CHUNK) {
      const rows = await manager.execute(DISTRIBUTORS_BY_CUSTOMERS_SQL, [JSON.stringify(customerIds.slice(i, i + LOOKUP_CHUNK))])
      for (const row of rows) enrolled.push({ customer_id: row.customer_id, handle: row.handle })
    }
    return { distributors, enrolled }
  }

  /** Writes a planned import in one transaction (see writeNetworkImport); all of it or nothing. */
  @InjectTransactionManager()
  async importNetwork(
    input: { plan: ImportPlan; customer_ids: Record<string, string>; import_id: string },
    onProgress?: ImportProgress,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ written: number; rebuilt_indexes: number }> {
    const manager = sharedContext.transactionManager as SqlManager
    return writeNetworkImport(
      manager.execute.bind(manager),
      pgCopyIn(await transactionConnection(manager)),
      input.plan,
      new Map(Object.entries(input.customer_ids)),
      input.import_id,
      onProgress
    )
  }

  /** Takes an import back (compensation): its rows, their sponsor bindings and what their ancestors gained. */
  @InjectTransactionManager()
  async removeImport(
    input: { import_id: string; ancestor_increments: { id: string; delta: number }[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(LOCK_GENEALOGY_EXCLUSIVE_SQL)
    await manager.execute(DELETE_IMPORTED_SQL, [input.import_id])
    if (input.ancestor_increments.length) {
      const back = input.ancestor_increments.map(({ id, delta }) => ({ id, delta: -delta }))
      await manager.execute(INCREMENT_DOWNLINE_COUNTS_SQL, [JSON.stringify(back)])
    }
  }

  /** Distributors whose sponsor chain disagrees with their stored path: empty when the tree is sound. */
  @InjectManager()
  async findPathInconsistencies(@MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute(PATH_INCONSISTENCIES_SQL)
    return rows.map((row: any) => row.id)
  }

  @InjectManager()
  async retrieveDistributorByHandle(
    handle: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DistributorDTO | null> {
    // one plain read: every storefront visit and referral asks it (the ORM's list costs about 1 ms more CPU)
    const manager = sharedContext.manager as SqlManager
    const [row] = await manager.execute(DISTRIBUTOR_BY_HANDLE_SQL, [handle.trim().toLowerCase()])
    return row ? toDistributor(row) : null
  }

  @InjectManager()
  async retrieveDistributorByCustomer(
    customerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DistributorDTO | null> {
    const [distributor] = await this.listDistributors({ customer_id: customerId }, { take: 1 }, sharedContext)
    return distributor ?? null
  }

  /** Removes a distributor that has no downline (compensation of a failed enrolment). */
  @InjectTransactionManager()
  async removeEnrollment(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(LOCK_GENEALOGY_SHARED_SQL)
    const removed = await manager.execute(REMOVE_LEAF_SQL, [id])
    if (removed.length) await this.adjustDownlineCounts_(manager, uplineIdsFromPath(removed[0].path), -1)
  }

  @InjectManager()
  async getSetting(key: string, @MedusaContext() sharedContext: Context = {}): Promise<string | null> {
    const [setting] = await this.listNetworkSettings({ key }, { take: 1 }, sharedContext)
    return setting?.value ?? null
  }

  @InjectTransactionManager()
  async setSetting(key: string, value: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(UPSERT_SETTING_SQL, [generateEntityId(undefined, "mlmset"), key, value])
  }

  /**
   * Takes the lease `name` for `owner` for `ttlSeconds` if it is free, expired or already theirs;
   * true if taken. Every process sees the same lease (it is a row), unlike an in-memory lock.
   */
  @InjectTransactionManager()
  async tryAcquireLease(
    input: { name: string; owner: string; ttl_seconds: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(ACQUIRE_LEASE_SQL, [
      generateEntityId(undefined, "mlmset"),
      `lease:${input.name}`,
      input.owner,
      input.ttl_seconds,
    ])
    return rows.length > 0
  }

  /** Gives the lease back if `owner` still holds it; true if it did. */
  @InjectTransactionManager()
  async releaseLease(input: { name: string; owner: string }, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const manager = sharedContext.transactionManager as SqlManager
    return (await manager.execute(RELEASE_LEASE_SQL, [`lease:${input.name}`, input.owner])).length > 0
  }

  /**
   * Records a storefront visit on a cart, atomically (two visits racing cannot lose one). A cart
   * keeps its first touch and its newest ones, MAX_CART_TOUCHES in all (a script cannot grow it
   * without bound); the referral follows the newest (last_touch) or the first (first_touch).
   */
  @InjectTransactionManager()
  async recordCartReferral(
    input: { cart_id: string; distributor_id: string; handle: string; source?: "link" | "admin"; policy: "last_touch" | "first_touch" },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ referral: CartReferralDTO; before: CartReferralDTO | null }> {
    const manager = sharedContext.transactionManager as SqlManager
    const touch: ReferralTouch = {
      handle: input.handle,
      distributor_id: input.distributor_id,
      source: input.source ?? "link",
      at: new Date().toISOString(),
    }
    const [row] = await manager.execute<CartReferralDTO & { before: unknown }>(upsertCartReferralSql(MAX_CART_TOUCHES), [
      input.cart_id,
      generateEntityId(undefined, "mlmref"),
      input.cart_id,
      input.distributor_id,
      input.handle,
      touch.source,
      JSON.stringify([touch]),
      input.policy,
      input.policy,
      input.policy,
    ])
    const { before, ...referral } = row
    const previous = parseJson(before) as CartReferralDTO | null
    return {
      referral: { ...referral, touches: parseJson(referral.touches) ?? [] },
      before: previous ? { ...previous, touches: parseJson(previous.touches) ?? [] } : null,
    }
  }

  /**
   * Writes an order's attribution once. A second call for the same order (a re-delivered event,
   * a second worker) finds the unique index taken and returns the first attribution unchanged.
   */
  @InjectTransactionManager()
  async attributeOrder(
    input: NewOrderAttribution,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ attribution: OrderAttributionDTO; created: boolean }> {
    const manager = sharedContext.transactionManager as SqlManager
    const inserted = await manager.execute(INSERT_ATTRIBUTION_SQL, [
      generateEntityId(undefined, "mlmattr"),
      input.order_id,
      input.cart_id,
      input.customer_id,
      input.distributor_id,
      input.source,
      input.referral_handle,
    ])
    if (inserted.length) return { attribution: toAttribution(inserted[0]), created: true }
    const [existing] = await manager.execute(ATTRIBUTION_SQL, [input.order_id])
    return { attribution: toAttribution(existing), created: false }
  }

  /** The order's attribution, or null; one plain query (read by every settlement). */
  @InjectManager()
  async readOrderAttribution(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<OrderAttributionDTO | null> {
    const [row] = await (sharedContext.manager as SqlManager).execute(ATTRIBUTION_SQL, [orderId])
    return row ? toAttribution(row) : null
  }

  /**
   * Of these orders, the ids of those that have an attribution or a fact that could credit one (a
   * referral on the cart, a binding of the customer, a customer who is a distributor), in one query.
   * Every other order is credited to no one by decideAttribution, whatever the plugin options say.
   */
  @InjectManager()
  async listOrdersWithAttributionLeads(
    orders: { order_id: string; cart_id: string | null; customer_id: string | null }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Set<string>> {
    if (!orders.length) return new Set()
    const list = (values: (string | null)[]) => {
      const kept = [...new Set(values.filter((v): v is string => !!v))]
      return kept.length ? kept : [null]
    }
    const rows: { kind: string; id: string }[] = await (sharedContext.manager as SqlManager).execute(ATTRIBUTION_LEADS_SQL, [
      list(orders.map((o) => o.order_id)),
      list(orders.map((o) => o.cart_id)),
      list(orders.map((o) => o.customer_id)),
      list(orders.map((o) => o.customer_id)),
    ])
    const found = new Set(rows.map((r) => `${r.kind}:${r.id}`))
    return new Set(
      orders
        .filter(
          (o) =>
            found.has(`order:${o.order_id}`) ||
            (o.cart_id !== null && found.has(`cart:${o.cart_id}`)) ||
            (o.customer_id !== null && found.has(`customer:${o.customer_id}`))
        )
        .map((o) => o.order_id)
    )
  }

  /** Binds a customer to a distributor for life unless already bound; true if this call bound them. */
  @InjectTransactionManager()
  async bindCustomer(
    input: { customer_id: string; distributor_id: string; source: "order" | "enrollment" | "admin"; order_id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const manager = sharedContext.transactionManager as SqlManager
    const inserted = await manager.execute(INSERT_BINDING_SQL, [generateEntityId(undefined, "mlmbind"), input.customer_id, input.distributor_id, input.source, input.order_id ?? null])
    return inserted.length > 0
  }

  /** An admin's correction: the attribution moves to another distributor and the old state goes to history. */
  @InjectTransactionManager()
  async correctAttribution(
    input: { order_id: string; distributor_id: string; actor_id: string; reason?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ attribution: OrderAttributionDTO; previous: OrderAttributionDTO | null }> {
    const manager = sharedContext.transactionManager as SqlManager
    const [current] = await manager.execute(ATTRIBUTION_FOR_UPDATE_SQL, [input.order_id])
    const previous = current ? toAttribution(current) : null
    const entry = {
      at: new Date().toISOString(),
      by: input.actor_id,
      reason: input.reason ?? null,
      from: previous ? { distributor_id: previous.distributor_id, source: previous.source } : null,
      to: { distributor_id: input.distributor_id, source: "admin" },
    }
    const [row] = await manager.execute(CORRECT_ATTRIBUTION_SQL, [generateEntityId(undefined, "mlmattr"), input.order_id, input.distributor_id, input.actor_id, JSON.stringify([entry])])
    return { attribution: toAttribution(row), previous }
  }

  /** Puts an attribution back as it was (compensation of a correction). */
  @InjectTransactionManager()
  async restoreAttribution(
    order_id: string,
    previous: OrderAttributionDTO | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    if (!previous) {
      await manager.execute(DELETE_ATTRIBUTION_SQL, [order_id])
      return
    }
    await manager.execute(RESTORE_ATTRIBUTION_SQL, [
      previous.distributor_id,
      previous.source,
      previous.corrected_by,
      previous.corrected_at,
      previous.history ? JSON.stringify(previous.history) : null,
      order_id,
    ])
  }

  /**
   * An order's PV change for the distributor it counts for: their PV and their ancestry's GV on the
   * order's day and month (one statement), then their activity as of `today`. Runs in the caller's
   * transaction (the order's settlement) under the genealogy's shared lock, so paths stand still.
   * Returns the ancestry, top first, the distributor last; null for an unknown distributor.
   */
  @InjectTransactionManager()
  async applyOrderVolume(
    input: { distributor_id: string; day: number; month: string; delta: string; activity: PlanActivity; today: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[] | null> {
    const manager = sharedContext.transactionManager as SqlManager
    const execute = manager.execute.bind(manager)
    await manager.execute(LOCK_GENEALOGY_SHARED_SQL)
    const row = await applyVolume(execute, input)
    if (!row) return null
    if (!MathBN.eq(input.delta, 0)) await refreshActivity(execute, input.distributor_id, input.activity, input.today, row)
    return idsInPath(row.path)
  }

  /** PV and GV over the window ending on `day` and active legs that day, per distributor. */
  @InjectManager()
  async readVolumeFacts(
    ids: string[],
    day: number,
    windowDays: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, VolumeFacts>> {
    const manager = (sharedContext.transactionManager ?? sharedContext.manager) as SqlManager
    return readVolumeFacts(manager.execute.bind(manager), ids, day, windowDays)
  }

  /** PV over the window ending on `day` for a page of distributors (0 for those without volume). */
  @InjectManager()
  async windowPv(ids: string[], day: number, windowDays: number, @MedusaContext() sharedContext: Context = {}): Promise<Record<string, string>> {
    const out: Record<string, string> = Object.fromEntries(ids.map((id) => [id, "0"]))
    if (!ids.length) return out
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute<{ id: string; pv: string }>(WINDOW_PV_SQL, [windowStart(day, windowDays), day, JSON.stringify(ids)])
    for (const row of rows) out[row.id] = String(row.pv)
    return out
  }

  /** A distributor's status changed: their activity (and their upline's legs) follow. */
  @InjectTransactionManager()
  async refreshDistributorActivity(
    distributorId: string,
    activity: PlanActivity,
    today: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(LOCK_GENEALOGY_SHARED_SQL)
    await refreshActivity(manager.execute.bind(manager), distributorId, activity, today)
  }

  /** Everyone's activity from scratch for a new activity rule (a plan version that changes it). */
  @InjectTransactionManager()
  async recomputeActivity(activity: PlanActivity, today: number, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(LOCK_GENEALOGY_EXCLUSIVE_SQL)
    const [clear, own, subtrees] = RECOMPUTE_ACTIVITY_SQL
    await manager.execute(clear)
    await manager.execute(own, [activity.window_days - 1, windowStart(today, activity.window_days), today, activity.min_pv])
    await manager.execute(subtrees)
  }

  /** Status, activity and stored ranks of some distributors (no paths). */
  @InjectManager()
  async listActivityRows(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; sponsor_id: string | null; status: string; rank: string | null; highest_rank: string | null }[]> {
    if (!ids.length) return []
    const manager = (sharedContext.transactionManager ?? sharedContext.manager) as SqlManager
    return manager.execute(ACTIVITY_ROWS_SQL, [ids])
  }

  /** Stores current and highest ranks (only the distributors whose rank changed). */
  @InjectTransactionManager()
  async saveRanks(
    changes: { id: string; rank: string | null; highest_rank: string | null }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!changes.length) return
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(SAVE_RANKS_SQL, [JSON.stringify(changes)])
  }

  /**
   * The income disclosure's population: how many distributors were enrolled by `at`, per title
   * (highest rank reached, null for none), and which of `ids` (the period's earners) are among them.
   */
  @InjectManager()
  async enrolledBy(
    at: Date,
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ by_rank: { rank: string | null; count: number }[]; among: Map<string, string | null> }> {
    const manager = sharedContext.manager as SqlManager
    const byRank = await manager.execute<{ rank: string | null; count: number }>(ENROLLED_BY_RANK_SQL, [at])
    const among = new Map<string, string | null>()
    for (let i = 0; i < ids.length; i += 10_000) {
      const rows = await manager.execute<{ id: string; rank: string | null }>(ENROLLED_AMONG_SQL, [ids.slice(i, i + 10_000), at])
      for (const row of rows) among.set(row.id, row.rank ?? null)
    }
    return { by_rank: byRank.map((r) => ({ rank: r.rank ?? null, count: Number(r.count) })), among }
  }

  /** A distributor's volume per calendar month, newest first. */
  @InjectManager()
  async listMonthlyVolume(distributorId: string, months = 12, @MedusaContext() sharedContext: Context = {}): Promise<MonthlyVolume[]> {
    const manager = sharedContext.manager as SqlManager
    const rows = await manager.execute<{ month: string; pv: string; gv: string }>(MONTHLY_VOLUME_SQL, [distributorId, months])
    return rows.map((r) => ({ month: r.month, pv: Number(r.pv), gv: Number(r.gv) }))
  }

  private async adjustDownlineCounts_(manager: SqlManager, ancestorIds: string[], delta: number): Promise<void> {
    if (!ancestorIds.length || !delta) return
    await manager.execute(LOCK_ANCESTORS_SQL, [ancestorIds])
    await manager.execute(ADJUST_DOWNLINE_COUNTS_SQL, [delta, ancestorIds])
  }

  private async retrieveDistributorRow_(id: string, manager: SqlManager): Promise<DistributorDTO> {
    const [row] = await manager.execute(DISTRIBUTOR_SQL, [id])
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Distributor ${id} was not found`)
    }
    return toDistributor(row)
  }
}

function parseJson(value: unknown) {
  return typeof value === "string" ? JSON.parse(value) : value ?? null
}

function toAttribution(row: Record<string, any>): OrderAttributionDTO {
  return { ...(row as OrderAttributionDTO), history: parseJson(row.history) }
}

function toDistributor(row: Record<string, any>): DistributorDTO {
  return {
    ...(row as DistributorDTO),
    depth: Number(row.depth),
    downline_count: Number(row.downline_count ?? 0),
    active_until: row.active_until == null ? null : Number(row.active_until),
    subtree_active_until: row.subtree_active_until == null ? null : Number(row.subtree_active_until),
    metadata: typeof row.metadata === "string" ? JSON.parse(row.metadata) : row.metadata ?? null,
  }
}
