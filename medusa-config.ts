import { loadEnv, defineConfig, Modules } from "@medusajs/framework/utils"

/**
 * The development app: runs this plugin's src/ as a Medusa project, for the demo and the HTTP tests.
 * A host app does not use this file; it lists the plugin under `plugins` (see README).
 */
loadEnv(process.env.NODE_ENV || "development", process.cwd())

const pluginOptions = {
  storefront_url_template: process.env.MLM_STOREFRONT_URL_TEMPLATE || "https://shop.example/{handle}",
  member_group_name: process.env.MLM_MEMBER_GROUP_NAME || "MLM Members",
  reserved_handles: ["demo"],
  attribution: {
    policy: (process.env.MLM_ATTRIBUTION_POLICY as "last_touch" | "first_touch") || "last_touch",
    lifetime_binding: process.env.MLM_LIFETIME_BINDING !== "false",
    window_days: Number(process.env.MLM_ATTRIBUTION_WINDOW_DAYS || 30),
  },
  mature_from: (process.env.MLM_MATURE_FROM as "placed" | "fulfilled") || "fulfilled",
  // placed orders settled together per workflow run (20 unless set; 1: each order on its own)
  ...(process.env.MLM_PLACED_ORDER_BATCH ? { placed_order_batch: Number(process.env.MLM_PLACED_ORDER_BATCH) } : {}),
  payouts: {
    // Stripe Connect only with a key: the demo has no network; the tests point it at a local server.
    providers: [
      { id: "manual", options: {} },
      { id: "store-credit", options: {} },
      ...(process.env.MLM_STRIPE_API_KEY
        ? [
            {
              id: "stripe-connect",
              options: {
                api_key: process.env.MLM_STRIPE_API_KEY,
                webhook_secret: process.env.MLM_STRIPE_WEBHOOK_SECRET,
                ...(process.env.MLM_STRIPE_HOST
                  ? { host: process.env.MLM_STRIPE_HOST, port: Number(process.env.MLM_STRIPE_PORT), protocol: "http" as const }
                  : {}),
              },
            },
          ]
        : []),
    ],
    default_provider: process.env.MLM_DEFAULT_PAYOUT_PROVIDER || "manual",
  },
}

/** With REDIS_URL set the app runs as a shop at scale does: Redis event bus, workflow engine, locking and caching. */
const redisUrl = process.env.REDIS_URL

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    databaseDriverOptions: { connection: { ssl: false } },
    redisUrl,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000,http://localhost:9000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000,http://localhost:5173",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  // Medusa's official Store Credit module, which the store-credit payout provider pays into.
  // MLM_DEV_WITHOUT_LOYALTY=true leaves it out (the workers bench measures the plugin's own share).
  plugins: process.env.MLM_DEV_WITHOUT_LOYALTY === "true" ? [] : [{ resolve: "@medusajs/loyalty-plugin", options: {} }],
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  modules: [
    { resolve: "./src/modules/network", options: pluginOptions },
    { resolve: "./src/modules/commission", options: pluginOptions },
    { resolve: "./src/modules/payout", options: pluginOptions },
    ...(redisUrl
      ? [
          // EVENT_BUS_CONCURRENCY: events a worker process handles at once (BullMQ's default is 1:
          // one event at a time, each waiting on its database round trips; see "Running at scale").
          // EVENT_BUS_LOCK_MS: how long a dead worker's events wait before another worker takes them
          // (BullMQ's lockDuration and stalledInterval, 30,000 ms each by default; see "Running at scale")
          {
            resolve: "@medusajs/medusa/event-bus-redis",
            key: Modules.EVENT_BUS,
            options: {
              redisUrl,
              workerOptions: {
                concurrency: Number(process.env.EVENT_BUS_CONCURRENCY) || 1,
                ...(Number(process.env.EVENT_BUS_LOCK_MS) > 0
                  ? { lockDuration: Number(process.env.EVENT_BUS_LOCK_MS), stalledInterval: Number(process.env.EVENT_BUS_LOCK_MS) }
                  : {}),
              },
            },
          },
          { resolve: "@medusajs/medusa/workflow-engine-redis", key: Modules.WORKFLOW_ENGINE, options: { redis: { url: redisUrl } } },
          {
            resolve: "@medusajs/medusa/locking",
            key: Modules.LOCKING,
            options: {
              providers: [
                { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
              ],
            },
          },
          {
            resolve: "@medusajs/medusa/caching",
            key: Modules.CACHING,
            options: {
              providers: [
                { resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl } },
              ],
            },
          },
        ]
      : []),
  ],
})
