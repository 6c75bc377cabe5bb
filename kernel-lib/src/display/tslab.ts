/**
 * The one place that talks to the tslab kernel's display channel.
 *
 * tslab's public `display` API sends one MIME type per message, which loses charts in
 * nbconvert's HTML export. Its lower-level writer (`lastWriteDisplayData` in
 * `tslab/dist/jupyter.js`, set for the cell being executed) sends a whole MIME bundle in
 * one `display_data` (or `update_display_data`) message. We find the copy of that module the
 * running kernel loaded (in `require.cache`, so a second tslab installed elsewhere cannot
 * shadow it) and call it. Outside a tslab kernel (CLI, tests) `kernelDisplayWriter()`
 * returns undefined and callers fall back to text.
 */
export type MimeBundle = Record<string, unknown>;

export interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

export type DisplayWriter = (msg: DisplayMessage, update: boolean) => void;

interface TslabJupyterModule {
  lastWriteDisplayData?: DisplayWriter | null;
}

const TSLAB_JUPYTER = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

let override: DisplayWriter | undefined;

/** The running tslab kernel's display writer for the current cell, or undefined outside tslab. */
export function kernelDisplayWriter(): DisplayWriter | undefined {
  if (override) return override;
  for (const key of Object.keys(require.cache)) {
    if (!TSLAB_JUPYTER.test(key)) continue;
    const mod = require.cache[key]?.exports as TslabJupyterModule | undefined;
    if (mod && typeof mod.lastWriteDisplayData === 'function') return mod.lastWriteDisplayData;
  }
  return undefined;
}

/**
 * Route display messages somewhere else (a test capturing bundles, a custom front-end).
 * Pass undefined to restore the kernel writer.
 */
export function setDisplayWriter(writer: DisplayWriter | undefined): void {
  override = writer;
}

/**
 * Send one MIME bundle. With a `displayId`, `update: true` replaces the earlier output that
 * carried the same id (progress displays). Returns false when no kernel is attached.
 */
export function writeBundle(data: MimeBundle, opts: { displayId?: string; update?: boolean; metadata?: Record<string, unknown> } = {}): boolean {
  const writer = kernelDisplayWriter();
  if (!writer) return false;
  writer({ data, metadata: opts.metadata ?? {}, transient: opts.displayId ? { display_id: opts.displayId } : {} }, opts.update ?? false);
  return true;
}
