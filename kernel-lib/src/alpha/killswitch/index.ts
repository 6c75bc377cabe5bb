export { assessHealth, underperformancePValue, DEFAULT_KILL_THRESHOLDS } from './health';
export type { KillReason, KillThresholds, MonitoredAlpha, HealthReport } from './health';
export { KillSwitch } from './killSwitch';
export type { AuditEntry, KillSwitchOptions } from './killSwitch';
