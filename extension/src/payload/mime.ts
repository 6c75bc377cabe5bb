/**
 * Our MIME types: `application/vnd.alpha-factory.<kind>.v<version>+json`, where `kind` is
 * lower-case kebab-case (see schema/payloads/<kind>.v<version>.schema.json).
 */

/** Matches one of our payload MIME types; group 1 is the kind, group 2 the version. */
export const PAYLOAD_MIME_PATTERN = /^application\/vnd\.alpha-factory\.([a-z][a-z0-9-]*)\.v(\d+)\+json$/;

/** `application/vnd.alpha-factory.<kind>.v<version>+json`. */
export function payloadMimeType(kind: string, version = 1): string {
  return `application/vnd.alpha-factory.${kind}.v${version}+json`;
}

/** The kind and version named by one of our MIME types, or null for any other type. */
export function parsePayloadMimeType(mime: string): { kind: string; version: number } | null {
  const m = PAYLOAD_MIME_PATTERN.exec(mime);
  return m ? { kind: m[1], version: Number(m[2]) } : null;
}

/** Whether a MIME type is one of ours. */
export function isPayloadMimeType(mime: string): boolean {
  return PAYLOAD_MIME_PATTERN.test(mime);
}

/**
 * The MIME types the renderer registers for: one per kind, sorted, no duplicates. Lab
 * routes outputs to a renderer by exact MIME type, so every kind must be listed here.
 */
export function payloadMimeTypes(kinds: Iterable<string>, version = 1): string[] {
  return Array.from(new Set(kinds)).sort().map((k) => payloadMimeType(k, version));
}
