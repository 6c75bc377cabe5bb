/**
 * TypeScript literals for generated cells: what a person would type. Strings are
 * single-quoted with `\`, `'` and control characters escaped, numbers are written in their
 * shortest exact form, objects one key per line when they do not fit on one.
 */

/** A single-quoted TypeScript string literal. */
export function str(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
  const body = s.replace(/[\\'\u0000-\u001f\u2028\u2029]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === "'") return "\\'";
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `'${body}'`;
}

/** A number literal; refuses NaN and infinities (generated code never carries them). */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`cannot write ${n} as a literal`);
  return String(n);
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Any JSON-like value as a TypeScript literal, indented by `indent` spaces after the first line. */
export function lit(value: unknown, indent = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return num(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => lit(v, indent + 2));
    const flat = `[${items.join(', ')}]`;
    if (flat.length + indent <= 100 && !flat.includes('\n')) return flat;
    const pad = ' '.repeat(indent + 2);
    return `[\n${items.map((i) => pad + i).join(',\n')},\n${' '.repeat(indent)}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const parts = entries.map(([k, v]) => `${IDENT.test(k) ? k : str(k)}: ${lit(v, indent + 2)}`);
    const flat = `{ ${parts.join(', ')} }`;
    if (flat.length + indent <= 100 && !flat.includes('\n')) return flat;
    const pad = ' '.repeat(indent + 2);
    return `{\n${parts.map((p) => pad + p).join(',\n')},\n${' '.repeat(indent)}}`;
  }
  throw new TypeError(`cannot write a ${typeof value} as a literal`);
}

/** A comment line safe for any user text (no line breaks, no comment terminators needed). */
export function comment(text: string): string {
  return `// ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
}
