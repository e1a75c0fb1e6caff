export * from "./network/workflows/enroll-distributor"
export * from "./network/workflows/update-distributor"
export * from "./network/workflows/change-sponsor"
