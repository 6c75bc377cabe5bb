import type { OperatorRegistry } from '../registry';
import { crosssectionalOperators } from './crosssectional';
import { elementwiseOperators } from './elementwise';
import { timeseriesOperators } from './timeseries';

/** Register every built-in operator into a registry. */
export function registerBuiltins(registry: OperatorRegistry): void {
  for (const def of [...elementwiseOperators, ...timeseriesOperators, ...crosssectionalOperators]) {
    registry.register(def, { builtin: true });
  }
}
