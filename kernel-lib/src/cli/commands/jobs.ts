import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlphaFactoryError } from '../../errors';
import { textTable } from '../../display/html';
import { cancel, list, logs, refresh, results, submit, watch, type JobsOptions } from '../../jobs/api';
import { tableRecords } from '../../jobs/arrow';
import { sha256Hex } from '../../jobs/canonical';
import { kubeRayYaml } from '../../jobs/kuberay';
import { normalizeSpec, type JobSpecInit } from '../../jobs/spec';
import type { ExecutorName, JobStatus } from '../../jobs/status';
import { JobStore } from '../../jobs/store';
import { usageError as groupUsageError, withUsageErrors } from '../args';
import type { CliCommand, CliIO } from '../command';

const USAGE = `Usage:
  alpha-factory jobs submit <spec.json> [--executor local|ray] [--watch] [common options]
  alpha-factory jobs list [--json]
  alpha-factory jobs status <id> [--json]
  alpha-factory jobs logs <id> [--tail N]
  alpha-factory jobs cancel <id>
  alpha-factory jobs results <id> [--rows N] [--out DIR]
  alpha-factory jobs kuberay <spec.json> [--image I] [--namespace NS] [--queue Q] [--pvc CLAIM]
                             [--ttl SECONDS] [--deadline SECONDS] [--workers N]

submit    Submits a job spec (JSON: kind, inputs {name: {path}}, params, seed, resources);
          input paths are relative to the spec file. Prints the job id. The same spec
          gives the same id: submitting it again returns the existing job.
list      Every job in the store: id, kind, state, progress, executor, submit time.
status    One job's status (a dead local worker or a failed Ray job shows as failed).
logs      The worker log (fetched from the cluster for Ray jobs).
cancel    Stops the worker (SIGTERM to its process group, or Ray's stop).
results   Prints the first rows of each Arrow artifact; --out DIR writes them as CSV.
kuberay   Prints a ray.io/v1 RayJob manifest (HTTPMode, shutdown after finishing with
          a TTL, a deadline, an optional Kueue queue label) for the spec.

Common options:
  --store DIR          job store (default ./experiments/jobs or $ALPHA_FACTORY_JOBS)
  --ray-address URL    Ray dashboard (default $ALPHA_FACTORY_RAY_ADDRESS)
  --token T            bearer token for the Ray dashboard (default $ALPHA_FACTORY_RAY_TOKEN)
  --python PY          Python that runs the worker (default $ALPHA_FACTORY_PYTHON, the repo venv)
`;

const usageError = (message: string): AlphaFactoryError => groupUsageError('jobs', message);

function parse(argv: string[]) {
  return withUsageErrors('jobs', () => parseArgs({ args: argv, allowPositionals: true, options: {
        executor: { type: 'string' },
        watch: { type: 'boolean' },
        json: { type: 'boolean' },
        tail: { type: 'string' },
        rows: { type: 'string' },
        out: { type: 'string' },
        store: { type: 'string' },
        'ray-address': { type: 'string' },
        token: { type: 'string' },
        python: { type: 'string' },
        image: { type: 'string' },
        namespace: { type: 'string' },
        queue: { type: 'string' },
        pvc: { type: 'string' },
        ttl: { type: 'string' },
        deadline: { type: 'string' },
        workers: { type: 'string' },
      } }));
}

function intOpt(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw usageError(`--${name} must be a whole number >= ${min}, got "${v}"`);
  return n;
}

function readSpec(file: string, cwd: string): JobSpecInit {
  const abs = path.resolve(cwd, file);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (e) {
    throw new AlphaFactoryError('bad_spec', `cannot read the job spec: ${(e as Error).message}`, { file });
  }
  const spec = raw as JobSpecInit;
  if (spec && typeof spec === 'object' && spec.inputs) {
    for (const inp of Object.values(spec.inputs) as Array<{ path?: string }>) {
      if (inp && typeof inp.path === 'string') inp.path = path.resolve(path.dirname(abs), inp.path);
    }
  }
  return spec;
}

function statusLine(s: JobStatus): string {
  const extra = s.state === 'failed' ? `  error: ${s.error ?? ''}` : s.message ? `  ${s.message}` : '';
  return `${s.id}  ${s.state}  ${Math.round(s.progress * 100)}%  ${s.executor}${s.device ? ` (${s.device})` : ''}${extra}`;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  const { values: o, positionals } = parse(rest);
  const opts: JobsOptions = {
    store: new JobStore(o.store ? path.resolve(io.cwd, o.store) : process.env.ALPHA_FACTORY_JOBS ?? path.join(io.cwd, 'experiments', 'jobs')),
    local: { python: o.python },
    ray: { address: o['ray-address'], token: o.token, python: o.python },
  };
  const arg = (what: string): string => {
    if (positionals.length !== 1) throw usageError(`jobs ${sub} takes one ${what}`);
    return positionals[0];
  };
  switch (sub) {
    case 'submit': {
      const spec = readSpec(arg('spec file'), io.cwd);
      const executor = (o.executor ?? 'local') as ExecutorName;
      if (executor !== 'local' && executor !== 'ray') throw usageError(`--executor must be local or ray, got "${executor}"`);
      const job = await submit(spec, { ...opts, executor });
      io.out(`${job.id}\n`);
      if (!o.watch) return 0;
      let last = -1;
      const st = await watch(job, {
        ...opts,
        onStatus: (s) => {
          const pct = Math.round(s.progress * 100);
          if (pct !== last) io.err(`${s.state} ${pct}%${s.message ? `  ${s.message}` : ''}\n`);
          last = pct;
        },
      });
      io.err(statusLine(st) + '\n');
      if (st.state === 'failed' && st.logTail) io.err(st.logTail + '\n');
      return st.state === 'succeeded' ? 0 : 1;
    }
    case 'list': {
      const all = await list(opts);
      if (o.json) io.out(JSON.stringify(all, null, 2) + '\n');
      else if (all.length === 0) io.out('no jobs\n');
      else io.out(textTable(['id', 'kind', 'state', 'progress', 'executor', 'submitted'], all.map((s) => [s.id, s.kind, s.state, `${Math.round(s.progress * 100)}%`, s.executor, s.submittedAt])) + '\n');
      return 0;
    }
    case 'status': {
      const st = await refresh(arg('job id'), opts);
      io.out(o.json ? JSON.stringify(st, null, 2) + '\n' : statusLine(st) + '\n' + (st.state === 'failed' && st.logTail ? st.logTail + '\n' : ''));
      return 0;
    }
    case 'logs': {
      const text = await logs(arg('job id'), opts);
      const n = intOpt(o.tail, 'tail', 1);
      const lines = text.replace(/\s+$/, '').split('\n');
      io.out((n ? lines.slice(-n) : lines).join('\n') + '\n');
      return 0;
    }
    case 'cancel': {
      const st = await cancel(arg('job id'), opts);
      io.out(statusLine(st) + '\n');
      return 0;
    }
    case 'results': {
      const res = await results(arg('job id'), opts);
      const nRows = intOpt(o.rows, 'rows', 1) ?? 20;
      for (const [name, table] of Object.entries(res.tables)) {
        const rows = tableRecords(table);
        const cols = table.schema.fields.map((f) => f.name);
        if (o.out) {
          const dir = path.resolve(io.cwd, o.out);
          fs.mkdirSync(dir, { recursive: true });
          const file = path.join(dir, name.replace(/\.[^.]+$/, '') + '.csv');
          fs.writeFileSync(file, [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n');
          io.out(`${name}: ${rows.length} rows -> ${file}\n`);
        } else {
          io.out(`${name} (${rows.length} rows)\n`);
          io.out(textTable(cols, rows.slice(0, nRows).map((r) => cols.map((c) => r[c] as string | number | boolean | null))) + '\n');
          if (rows.length > nRows) io.out(`... ${rows.length - nRows} more rows (--rows N, or --out DIR for CSV)\n`);
        }
      }
      for (const name of Object.keys(res.files)) if (!res.tables[name]) io.out(`${name}: ${res.files[name]}\n`);
      return 0;
    }
    case 'kuberay': {
      const init = readSpec(arg('spec file'), io.cwd);
      const spec = normalizeSpec(init);
      for (const [k, v] of Object.entries(spec.inputs)) {
        if (!v.sha256 && v.path) v.sha256 = sha256Hex(fs.readFileSync(v.path));
        if (!v.sha256) throw usageError(`input ${k} needs a path or a sha256`);
      }
      io.out(
        kubeRayYaml(spec, {
          image: o.image,
          namespace: o.namespace,
          queue: o.queue,
          pvc: o.pvc,
          ttlSecondsAfterFinished: intOpt(o.ttl, 'ttl', 0),
          activeDeadlineSeconds: intOpt(o.deadline, 'deadline', 1),
          workers: intOpt(o.workers, 'workers', 1),
        }),
      );
      return 0;
    }
    case undefined:
      throw usageError('missing subcommand: submit, list, status, logs, cancel, results or kuberay');
    default:
      throw usageError(`unknown subcommand "${sub}"`);
  }
}

export const jobsCommand: CliCommand = {
  name: 'jobs',
  summary: 'Submit, watch, cancel and read GPU/batch jobs (local or Ray); print KubeRay manifests',
  usage: USAGE,
  run,
};

