import { registerBuiltins } from './builtins';
import { OperatorRegistry } from './registry';
import type { Operator, OperatorDef, OperatorInfo } from './types';

export { OperatorRegistry } from './registry';
export type { ArgSpec, ArgType, ArgValue, Operator, OperatorContext, OperatorDef, OperatorInfo, OperatorKind } from './types';

/** The registry every formula uses unless one is passed explicitly: the built-ins plus what users register. */
export const defaultRegistry = new OperatorRegistry();
registerBuiltins(defaultRegistry);

/**
 * Register a user operator in the default registry, e.g.
 * `registerOperator({ name: 'ts_range', kind: 'timeseries', args: [{ name: 'x', type: 'series' },
 * { name: 'd', type: 'window' }], description: 'max - min', window: ([w]) => Math.max(...w) - Math.min(...w) })`.
 */
export function registerOperator(def: OperatorDef, options: { replace?: boolean } = {}): Operator {
  return defaultRegistry.register(def, options);
}

/** Every operator of the default registry (name, kind, arguments, aliases, description). */
export function listOperators(): OperatorInfo[] {
  return defaultRegistry.list();
}
