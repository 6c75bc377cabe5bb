/**
 * Engine objects tell the display layer what they are by implementing `toPayload()`.
 * The payload travels to the JupyterLab extension under the versioned MIME type
 * `application/vnd.alpha-factory.<kind>.v<version>+json`; its JSON Schema is
 * `schema/payloads/<kind>.v<version>.schema.json`.
 */
export interface Payload {
  kind: string;
  version: number;
  [key: string]: unknown;
}

export interface PayloadSource {
  toPayload(): Payload;
}

export function isPayloadSource(x: unknown): x is PayloadSource {
  return typeof x === 'object' && x !== null && typeof (x as { toPayload?: unknown }).toPayload === 'function';
}

export function payloadMimeType(kind: string, version = 1): string {
  if (!/^[a-z][a-z0-9-]*$/.test(kind)) throw new RangeError(`payload kind must be lower-case kebab-case, got "${kind}"`);
  return `application/vnd.alpha-factory.${kind}.v${version}+json`;
}

/**
 * Deep-convert to plain JSON: typed arrays become arrays, non-finite numbers become null
 * (JSON has no NaN), Maps become objects, Dates ISO strings. Functions are dropped.
 */
export function toJsonValue(x: unknown): unknown {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'function') return undefined;
  if (x instanceof Date) return x.toISOString();
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    return Array.from(x as unknown as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : null));
  }
  if (Array.isArray(x)) return x.map((v) => toJsonValue(v) ?? null);
  if (x instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of x) o[String(k)] = toJsonValue(v);
    return o;
  }
  if (typeof x === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
      const j = toJsonValue(v);
      if (j !== undefined) o[k] = j;
    }
    return o;
  }
  return null;
}
