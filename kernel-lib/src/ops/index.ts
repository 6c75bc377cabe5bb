/**
 * Multi-strategy operations, simulated with an injectable clock (no live trading): strategy
 * states, the seven-stage lifecycle with automatic promotion and demotion, A/B tests (Student,
 * Welch, Mann-Whitney), retirement, alert rules with a cooldown, Prometheus text exposition,
 * daily reports and the YAML configuration with its schema.
 */
export * from './strategy';
export * from './lifecycle';
export * from './abtest-stats';
export * from './abtest';
export * from './retirement';
export * from './alerts';
export * from './prometheus';
export * from './report';
export * from './yaml';
export * from './config';
export * from './system';
