import { InvalidArgumentError } from '../errors';
import { jobId, type JobSpec } from './spec';

export interface KubeRayOptions {
  /** Container image with Ray, torch and alpha_factory_gpu installed. */
  image?: string;
  namespace?: string;
  /** Ray version the image runs (spec.rayVersion). */
  rayVersion?: string;
  /** Job folder as the pods see it (a shared volume), default `/data/jobs/<id>`. */
  jobDir?: string;
  /** PersistentVolumeClaim mounted at `/data` in every pod. */
  pvc?: string;
  /** Kueue LocalQueue name: adds the `kueue.x-k8s.io/queue-name` label (and starts the job suspended). */
  queue?: string;
  /** Seconds to keep the cluster after the job finished (default 300). */
  ttlSecondsAfterFinished?: number;
  /** Kill the whole RayJob after this many seconds (default 86400). */
  activeDeadlineSeconds?: number;
  /** Worker group size (default 1). */
  workers?: number;
}

/** A JSON-compatible value printed as YAML (block style; strings always JSON-quoted, so any text is safe). */
export function toYaml(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map((v) => {
        const inner = toYaml(v, indent + 2);
        return isBlock(v) ? `${pad}- ${inner.trimStart()}` : `${pad}- ${inner}`;
      })
      .join('\n');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return entries
      .map(([k, v]) => {
        const key = /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(k) ? k : JSON.stringify(k);
        return isBlock(v) ? `${pad}${key}:\n${toYaml(v, indent + 2)}` : `${pad}${key}: ${toYaml(v, indent + 2)}`;
      })
      .join('\n');
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value ?? null);
}

function isBlock(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

/**
 * A `ray.io/v1` RayJob for KubeRay that runs one job spec: HTTP submission mode (the operator submits
 * through the Jobs REST API, as our client does), the cluster shut down `ttlSecondsAfterFinished`
 * after the job ends, `activeDeadlineSeconds` as a hard limit, GPUs requested on the worker group,
 * and an optional Kueue queue label. The job folder (spec + inputs) must be on the PVC at `jobDir`.
 */
export function kubeRayManifest(spec: JobSpec, opts: KubeRayOptions = {}): Record<string, unknown> {
  const id = jobId(spec);
  const image = opts.image ?? 'alpha-factory/gpu-worker:0.1.0';
  const ttl = opts.ttlSecondsAfterFinished ?? 300;
  const deadline = opts.activeDeadlineSeconds ?? 86400;
  if (!Number.isInteger(ttl) || ttl < 0) throw new InvalidArgumentError(`ttlSecondsAfterFinished must be a whole number >= 0, got ${ttl}`);
  if (!Number.isInteger(deadline) || deadline < 1) throw new InvalidArgumentError(`activeDeadlineSeconds must be a whole number >= 1, got ${deadline}`);
  const jobDir = opts.jobDir ?? `/data/jobs/${id}`;
  const name = `af-${id}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 52);
  const gpus = Math.ceil(spec.resources.gpus);
  const cpus = Math.max(1, Math.ceil(spec.resources.cpus));
  const memGi = Math.max(4, Math.ceil(spec.resources.memoryMb / 1024) + 2);
  const volumes = opts.pvc ? [{ name: 'jobs', persistentVolumeClaim: { claimName: opts.pvc } }] : undefined;
  const mounts = opts.pvc ? [{ name: 'jobs', mountPath: '/data' }] : undefined;
  const container = (role: string, limits: Record<string, string | number>) => ({
    name: role,
    image,
    resources: { limits, requests: limits },
    ...(mounts ? { volumeMounts: mounts } : {}),
  });
  const workerLimits: Record<string, string | number> = { cpu: String(cpus), memory: `${memGi}Gi` };
  if (gpus > 0) workerLimits['nvidia.com/gpu'] = String(gpus);
  const labels: Record<string, string> = { 'app.kubernetes.io/part-of': 'alpha-factory', 'alpha-factory.dev/job-kind': spec.kind };
  if (opts.queue) labels['kueue.x-k8s.io/queue-name'] = opts.queue;
  return {
    apiVersion: 'ray.io/v1',
    kind: 'RayJob',
    metadata: { name, ...(opts.namespace ? { namespace: opts.namespace } : {}), labels },
    spec: {
      submissionMode: 'HTTPMode',
      entrypoint: `python -m alpha_factory_gpu.worker --job-dir ${jobDir}`,
      ...(spec.resources.gpus > 0 ? { entrypointNumGpus: spec.resources.gpus } : {}),
      entrypointNumCpus: spec.resources.cpus,
      ...(spec.resources.memoryMb > 0 ? { entrypointResources: JSON.stringify({ memory: spec.resources.memoryMb * 1024 * 1024 }) } : {}),
      metadata: { alpha_factory_job: id },
      shutdownAfterJobFinishes: true,
      ttlSecondsAfterFinished: ttl,
      activeDeadlineSeconds: deadline,
      ...(opts.queue ? { suspend: true } : {}),
      rayClusterSpec: {
        rayVersion: opts.rayVersion ?? '2.60.0',
        headGroupSpec: {
          rayStartParams: { 'dashboard-host': '0.0.0.0', 'num-cpus': '0' },
          template: { spec: { containers: [container('ray-head', { cpu: '2', memory: '8Gi' })], ...(volumes ? { volumes } : {}) } },
        },
        workerGroupSpecs: [
          {
            groupName: gpus > 0 ? 'gpu-workers' : 'cpu-workers',
            replicas: opts.workers ?? 1,
            minReplicas: opts.workers ?? 1,
            maxReplicas: opts.workers ?? 1,
            rayStartParams: {},
            template: { spec: { containers: [container('ray-worker', workerLimits)], ...(volumes ? { volumes } : {}) } },
          },
        ],
      },
    },
  };
}

/** The manifest as YAML text. */
export function kubeRayYaml(spec: JobSpec, opts: KubeRayOptions = {}): string {
  return toYaml(kubeRayManifest(spec, opts)) + '\n';
}
