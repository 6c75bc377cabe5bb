import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { RayJobsClient } from '../../src/jobs/ray-client';

/*
 * A real Ray head for the Ray tests (`ray start --head` from the worker's venv, no GPU), started once per
 * test file. The head gets its own --temp-dir, and afterwards exactly the processes of that head are
 * stopped (found by that temp dir in their command lines): `ray stop` would also kill any other Ray
 * cluster on the machine, e.g. a parallel test run. About 2 GB of memory and 10-20 s to start on a
 * 2-core machine.
 */

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export interface RayHead {
  /** The dashboard (Jobs REST API) address, `http://127.0.0.1:<port>`; '' until started. */
  readonly address: string;
  /** Starts the head and waits for its dashboard to list a node (retries `ray start` twice). */
  start(): Promise<void>;
  /** Stops exactly this head's processes (if started) and removes its temp dir. */
  stop(): void;
}

/** A Ray head from the venv of `python`, with `numCpus` logical CPUs, its temp dir under /tmp/<tempPrefix>*. */
export function rayHead(python: string, numCpus: number, tempPrefix: string): RayHead {
  const ray = path.join(path.dirname(python), 'ray');
  const temp = fs.mkdtempSync(`/tmp/${tempPrefix}`);
  let address = '';
  let started = false;

  /** Pids of the processes of our head (their command lines name our temp dir). */
  const ourRayPids = (): number[] => {
    const pids: number[] = [];
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
      try {
        if (fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(temp)) pids.push(Number(d));
      } catch {
        /* gone */
      }
    }
    return pids;
  };

  const stopOurRay = (): void => {
    for (const sig of ['SIGTERM', 'SIGKILL'] as const) {
      for (const p of ourRayPids()) {
        try {
          process.kill(p, sig);
        } catch {
          /* already gone */
        }
      }
      const end = Date.now() + 10000;
      while (ourRayPids().length > 0 && Date.now() < end) spawnSync('sleep', ['0.2']);
    }
  };

  // RAY_AUTH_MODE=disabled: since Ray 2.5x a token in ~/.ray/auth_token (left by any local ray.init()) turns on
  // token auth; a loaded 2-core machine can take longer than Ray's default 10 s for the raylet to register
  const env = { ...process.env, PATH: `${path.dirname(python)}${path.delimiter}${process.env.PATH}`, RAY_USAGE_STATS_ENABLED: '0', RAY_AUTH_MODE: 'disabled', RAY_raylet_start_wait_time_s: '120', RAY_agent_register_timeout_ms: '300000' };

  return {
    get address() {
      return address;
    },
    async start() {
      const [gcs, dash, client, agent] = [await freePort(), await freePort(), await freePort(), await freePort()];
      const start = () =>
        spawnSync(
          ray,
          ['start', '--head', `--port=${gcs}`, `--dashboard-port=${dash}`, `--ray-client-server-port=${client}`, `--dashboard-agent-listen-port=${agent}`,
            '--dashboard-host=127.0.0.1', `--num-cpus=${numCpus}`, '--num-gpus=0', '--include-dashboard=true', '--disable-usage-stats', `--temp-dir=${temp}`],
          { env, encoding: 'utf8', timeout: 240000 },
        );
      // on a heavily loaded machine the raylet can give up waiting for the dashboard agent: retry twice
      let r = start();
      for (let attempt = 2; r.status !== 0 && attempt <= 3; attempt++) {
        stopOurRay();
        r = start();
      }
      if (r.status !== 0) {
        stopOurRay();
        throw new Error(`ray start failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
      }
      started = true;
      address = `http://127.0.0.1:${dash}`;
      const c = new RayJobsClient(address);
      const end = Date.now() + 90000;
      for (;;) {
        try {
          if ((await c.nodes()).length > 0) break;
        } catch {
          /* dashboard still starting */
        }
        if (Date.now() > end) throw new Error('the Ray dashboard did not come up in 90 s');
        await new Promise((res) => setTimeout(res, 500));
      }
    },
    stop() {
      if (started) stopOurRay();
      fs.rmSync(temp, { recursive: true, force: true });
    },
  };
}
