/**
 * What a generated cell produced: its payloads (in output order, the latest version of an
 * updated display), its plain-text outputs (progress lines) and its error, read from the
 * nbformat-like outputs of a code cell. Pure, so the panel models are tested without Lab.
 */
import { findPayload, type Payload } from '../payload/parse';

export interface OutputRecord {
  output_type?: string;
  data?: Readonly<Record<string, unknown>>;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
}

export interface CellResult {
  payloads: Payload[];
  /** text/plain of display outputs without a payload, and stream text. */
  texts: string[];
  /** `ename: evalue` of an error output, or null. */
  error: string | null;
  /** stderr stream text (tslab reports compile errors there). */
  stderr: string;
}

function textOf(v: unknown): string {
  return Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '';
}

export function readOutputs(outputs: readonly OutputRecord[]): CellResult {
  const result: CellResult = { payloads: [], texts: [], error: null, stderr: '' };
  for (const o of outputs) {
    if (o.output_type === 'error') {
      result.error = `${o.ename ?? 'Error'}: ${o.evalue ?? ''}`.trim();
      continue;
    }
    if (o.output_type === 'stream') {
      if (o.name === 'stderr') result.stderr += textOf(o.text);
      else result.texts.push(textOf(o.text));
      continue;
    }
    const data = o.data ?? {};
    const p = findPayload(data);
    if (p) result.payloads.push(p);
    else if ('text/plain' in data) result.texts.push(textOf(data['text/plain']));
  }
  return result;
}
