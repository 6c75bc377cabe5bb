import { parsePayloadMimeType } from './mime';

/** A payload as it arrives: `kind`, `version`, and fields defined by its JSON Schema. */
export interface Payload {
  kind: string;
  version: number;
  [key: string]: unknown;
}

export type ParseResult = { ok: true; payload: Payload } | { ok: false; error: string };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads the data a kernel sent under one of our MIME types. Jupyter delivers `+json`
 * types as parsed objects, but some kernels (and hand-written outputs) send the JSON as
 * a string; both are accepted. When `mime` is given, a payload without `kind`/`version`
 * takes them from the MIME type, and a payload whose kind contradicts it is refused.
 * Never throws: bad data gives `{ ok: false, error }` with a one-line message.
 */
export function parsePayload(data: unknown, mime?: string): ParseResult {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (e) {
      return { ok: false, error: `payload is not valid JSON: ${(e as Error).message}` };
    }
  }
  if (!isRecord(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { ok: false, error: `payload must be a JSON object, got ${what}` };
  }
  const fromMime = mime ? parsePayloadMimeType(mime) : null;
  const kind = value.kind ?? fromMime?.kind;
  const version = value.version ?? fromMime?.version;
  if (typeof kind !== 'string' || kind === '') {
    return { ok: false, error: 'payload has no "kind" string' };
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, error: `payload "${kind}" has no integer "version"` };
  }
  if (fromMime && (fromMime.kind !== kind || fromMime.version !== version)) {
    return {
      ok: false,
      error: `payload is "${kind}" v${version} but was sent as "${fromMime.kind}" v${fromMime.version}`,
    };
  }
  return { ok: true, payload: { ...value, kind, version } };
}

/**
 * The first of our payloads in a MIME bundle (an output's `data`), or null when the bundle
 * holds none or it does not parse.
 */
export function findPayload(bundle: Readonly<Record<string, unknown>>): Payload | null {
  for (const mime of Object.keys(bundle)) {
    if (!parsePayloadMimeType(mime)) continue;
    const r = parsePayload(bundle[mime], mime);
    if (r.ok) return r.payload;
  }
  return null;
}
