import { AlphaFactoryError } from '../../errors';
import type { OperatorRegistry } from '../ops/registry';
import type { CallNode, FormulaNode } from './ast';
import { DEFAULT_FIELDS, DERIVED_FIELDS, didYouMean, resolveIdentifier } from './fields';

export interface BindOptions {
  /** Operators to resolve against (default: the default registry). */
  registry?: OperatorRegistry;
  /** Field names that exist (default: `DEFAULT_FIELDS`); vwap and returns are always accepted (derived). */
  fields?: Iterable<string>;
}

/**
 * Check a tree against the operator registry and field list and return it in bound form:
 * aliases replaced by canonical operator names, Alpha101 identifiers resolved (`adv20`,
 * `IndClass.industry`), optional arguments filled with their defaults, windows floored
 * (Alpha101's convention for fractional windows) and range-checked. Errors carry the position of
 * the offending name or argument: 'unknown_operator', 'unknown_field', 'arity', 'window'
 * (window/lag argument: not a number, or below its minimum), 'constant' (a constant argument).
 */
export function bindFormula(node: FormulaNode, registry: OperatorRegistry, source: string | undefined, fields?: Iterable<string>): FormulaNode {
  const known = new Set<string>(fields ?? DEFAULT_FIELDS);
  for (const d of Object.keys(DERIVED_FIELDS)) known.add(d);
  const fail = (code: string, at: FormulaNode, message: string): AlphaFactoryError =>
    new AlphaFactoryError(code, message, { formula: source, position: at.pos });

  const bind = (n: FormulaNode): FormulaNode => {
    if (n.kind === 'number') {
      if (!Number.isFinite(n.value)) throw fail('formula_syntax', n, `number ${n.value} is not finite`);
      return n;
    }
    if (n.kind === 'field') {
      const meaning = resolveIdentifier(n.name, known);
      if ('adv' in meaning) {
        return bind({ kind: 'call', op: 'adv', args: [{ kind: 'number', value: meaning.adv, pos: n.pos, end: n.end }], pos: n.pos, end: n.end });
      }
      if (!known.has(meaning.field)) {
        throw fail('unknown_field', n, `unknown field "${n.name}"${didYouMean(meaning.field, known)}; fields: ${[...known].join(', ')}`);
      }
      return meaning.field === n.name ? n : { ...n, name: meaning.field };
    }
    return bindCall(n);
  };

  const bindCall = (n: CallNode): FormulaNode => {
    const op = registry.get(n.op);
    if (!op) {
      const hint = didYouMean(n.op, registry.spellings());
      const asField = known.has(n.op) ? ` ("${n.op}" is a field, not an operator)` : '';
      throw fail('unknown_operator', n, `unknown operator "${n.op}"${hint}${asField}`);
    }
    const sig = `${op.name}(${op.args.map((a) => (a.default !== undefined ? `${a.name}=${a.default}` : a.name)).join(', ')})`;
    if (n.args.length < op.minArity || n.args.length > op.maxArity) {
      const range = op.minArity === op.maxArity ? `${op.maxArity}` : `${op.minArity} to ${op.maxArity}`;
      const spelled = n.op === op.name ? '' : ` (${n.op} is an alias of ${op.name})`;
      throw fail('arity', n, `${n.op} takes ${range} argument${op.maxArity === 1 ? '' : 's'}, ${sig}${spelled}; got ${n.args.length}`);
    }
    const args: FormulaNode[] = [];
    op.args.forEach((spec, k) => {
      const a = n.args[k];
      if (a === undefined) {
        args.push({ kind: 'number', value: spec.default as number });
        return;
      }
      if (spec.type === 'series' || spec.type === 'group') {
        args.push(bind(a));
        return;
      }
      const code = spec.type === 'constant' ? 'constant' : 'window';
      if (a.kind !== 'number') {
        throw fail(code, a, `argument "${spec.name}" of ${op.name} must be a number, not an expression (${sig})`);
      }
      let v = a.value;
      if (spec.type !== 'constant') v = Math.floor(v);
      const min = spec.type === 'window' ? (spec.min ?? 1) : spec.min;
      if (min !== undefined && v < min) {
        const what = spec.type === 'window' ? 'window' : `argument "${spec.name}"`;
        throw fail(code, a, `${what} of ${op.name} must be >= ${min}, got ${a.value}`);
      }
      if (spec.max !== undefined && v > spec.max) {
        throw fail(code, a, `argument "${spec.name}" of ${op.name} must be <= ${spec.max}, got ${a.value}`);
      }
      args.push(v === a.value ? a : { ...a, value: v });
    });
    return { kind: 'call', op: op.name, args, pos: n.pos, end: n.end };
  };

  return bind(node);
}
