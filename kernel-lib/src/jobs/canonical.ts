import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors';

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit order at every depth, no whitespace,
 * arrays in order, numbers as `JSON.stringify` writes them. Two values that are equal as JSON
 * give byte-identical text, so a hash of it identifies the value. Non-finite numbers,
 * `undefined` inside arrays, functions and other non-JSON values are rejected (keys whose value
 * is `undefined` are dropped, as JSON.stringify does).
 */
export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidArgumentError(`${path} is ${value}; job specs hold finite numbers only`);
      return JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return '[' + value.map((v, i) => canonicalJson(v, `${path}[${i}]`)).join(',') + ']';
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(obj[k], `${path}.${k}`)).join(',') + '}';
    }
    default:
      throw new InvalidArgumentError(`${path} is a ${typeof value}; job specs hold JSON values only`);
  }
}

/** Hex sha256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
