import { InvalidArgumentError } from '../errors';
import { canonicalJson, sha256Hex } from './canonical';

/** What a job does. Each kind is one entry point of the Python worker (`gpu/alpha_factory_gpu/kinds/`). */
export type JobKind = 'garch-batch' | 'factor-mining' | 'forecaster-train' | 'sweep';
export const JOB_KINDS: readonly JobKind[] = ['garch-batch', 'factor-mining', 'forecaster-train', 'sweep'];

export type InputFormat = 'arrow' | 'parquet';

/** One input file, identified by the sha256 of its bytes; `path` only says where it was read from. */
export interface JobInput {
  sha256: string;
  format: InputFormat;
  /** Where the submitting machine read it from (not part of the job id). */
  path?: string;
}

export interface JobResources {
  /** Whole or fractional GPUs for the worker (0 = CPU only). */
  gpus: number;
  cpus: number;
  /** Memory for the worker in MiB (0 = no reservation). */
  memoryMb: number;
}

/**
 * A job spec (schema/job-spec.v1.schema.json). The job id is derived from everything but
 * `name` and the input paths, so the same work submitted twice is the same job.
 */
export interface JobSpec {
  version: 1;
  kind: JobKind;
  /** Free label shown in lists; not part of the id. */
  name?: string;
  inputs: Record<string, JobInput>;
  params: Record<string, unknown>;
  seed: number;
  resources: JobResources;
  /** Artifact names the job promises to write under `artifacts/` (e.g. `garch.arrow`). */
  outputs: string[];
}

/** What a caller may pass: everything but kind optional, inputs by path or by hash. */
export interface JobSpecInit {
  kind: JobKind;
  name?: string;
  inputs?: Record<string, Partial<JobInput> & ({ path: string } | { sha256: string })>;
  params?: Record<string, unknown>;
  seed?: number;
  resources?: Partial<JobResources>;
  outputs?: string[];
}

const DEFAULT_OUTPUTS: Record<JobKind, string[]> = {
  'garch-batch': ['garch.arrow'],
  'factor-mining': ['zoo.json', 'zoo-series.arrow', 'mining.arrow'],
  'forecaster-train': ['best.onnx', 'trials.arrow'],
  sweep: ['trials.arrow'],
};

const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
const HEX64 = /^[0-9a-f]{64}$/;

function checkNumber(v: unknown, what: string, min: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    throw new InvalidArgumentError(`${what} must be a number >= ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/**
 * Validate a spec and fill defaults (seed 0, 0 GPUs, 1 CPU, no memory reservation, the kind's
 * default outputs). Inputs given only by path get their format from the extension; their hash
 * is filled in later by the store, which reads the bytes. Throws InvalidArgumentError naming the field.
 */
export function normalizeSpec(init: JobSpecInit | JobSpec): JobSpec {
  if (init === null || typeof init !== 'object') throw new InvalidArgumentError('a job spec must be an object');
  if (!JOB_KINDS.includes(init.kind)) {
    throw new InvalidArgumentError(`spec.kind must be one of ${JOB_KINDS.join(', ')}, got ${JSON.stringify(init.kind)}`);
  }
  if ('version' in init && init.version !== 1) throw new InvalidArgumentError(`spec.version must be 1, got ${JSON.stringify(init.version)}`);
  const inputs: Record<string, JobInput> = {};
  for (const [name, inp] of Object.entries(init.inputs ?? {})) {
    if (!NAME_RE.test(name)) throw new InvalidArgumentError(`spec.inputs: bad input name ${JSON.stringify(name)} (letters, digits, _ . -)`);
    const path = (inp as { path?: string }).path;
    const sha = (inp as { sha256?: string }).sha256;
    if (sha !== undefined && !HEX64.test(sha)) throw new InvalidArgumentError(`spec.inputs.${name}.sha256 must be 64 lowercase hex digits`);
    if (path === undefined && sha === undefined) throw new InvalidArgumentError(`spec.inputs.${name} needs a path or a sha256`);
    let format = inp.format;
    if (format === undefined) {
      if (path !== undefined && /\.parquet$/i.test(path)) format = 'parquet';
      else if (path === undefined || /\.(arrow|feather|ipc)$/i.test(path)) format = 'arrow';
      else throw new InvalidArgumentError(`spec.inputs.${name}: cannot tell the format of ${path} (use .arrow or .parquet, or set format)`, { file: path });
    }
    if (format !== 'arrow' && format !== 'parquet') throw new InvalidArgumentError(`spec.inputs.${name}.format must be arrow or parquet`);
    inputs[name] = { sha256: sha ?? '', format, ...(path !== undefined ? { path } : {}) };
  }
  const params = init.params ?? {};
  if (typeof params !== 'object' || Array.isArray(params)) throw new InvalidArgumentError('spec.params must be an object');
  canonicalJson(params, 'spec.params'); // rejects NaN and non-JSON values early
  const seed = init.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new InvalidArgumentError(`spec.seed must be an integer in [0, 2^32), got ${seed}`);
  const r = init.resources ?? {};
  const resources: JobResources = {
    gpus: checkNumber(r.gpus ?? 0, 'spec.resources.gpus', 0),
    cpus: checkNumber(r.cpus ?? 1, 'spec.resources.cpus', 0),
    memoryMb: checkNumber(r.memoryMb ?? 0, 'spec.resources.memoryMb', 0),
  };
  const outputs = init.outputs ?? DEFAULT_OUTPUTS[init.kind];
  for (const o of outputs) if (!NAME_RE.test(o)) throw new InvalidArgumentError(`spec.outputs: bad artifact name ${JSON.stringify(o)}`);
  const spec: JobSpec = { version: 1, kind: init.kind, inputs, params, seed, resources, outputs: [...outputs] };
  if (init.name !== undefined) spec.name = String(init.name);
  return spec;
}

/** The part of a spec that identifies the work: everything but the name and the input paths. */
export function specIdentity(spec: JobSpec): unknown {
  const inputs: Record<string, { sha256: string; format: InputFormat }> = {};
  for (const [k, v] of Object.entries(spec.inputs)) {
    if (!HEX64.test(v.sha256)) throw new InvalidArgumentError(`spec.inputs.${k} has no content hash yet (read the file first)`);
    inputs[k] = { sha256: v.sha256, format: v.format };
  }
  return { version: spec.version, kind: spec.kind, inputs, params: spec.params, seed: spec.seed, resources: spec.resources, outputs: spec.outputs };
}

/**
 * Job id = `<kind>-<first 20 hex digits of sha256(canonical JSON of the spec identity)>`.
 * The same spec (same input bytes, params, seed, resources, outputs) always gives the same id.
 */
export function jobId(spec: JobSpec): string {
  return `${spec.kind}-${sha256Hex(canonicalJson(specIdentity(spec))).slice(0, 20)}`;
}
