import { Widget } from '@lumino/widgets';
import { el } from '../../render/dom';
import { elapsed, type GpuJobsModel, type JobRow } from './model';

export interface GpuJobsViewOptions {
  /** Opens an artifact file (server-root path). */
  openFile?: (path: string) => void;
  /** The job store folder (server-root path), for artifact paths. */
  storeFolder?: () => string;
  now?: () => number;
}

/** The GPU Jobs sidebar: executor configuration, then every job with its details and actions. */
export class GpuJobsView extends Widget {
  private items = new Map<string, { key: string; node: HTMLElement }>();

  constructor(
    private readonly model: GpuJobsModel,
    private readonly options: GpuJobsViewOptions = {},
  ) {
    super();
    this.addClass('af-sidebar');
    this.addClass('af-gpu-jobs');
    model.changed.connect(this.render, this);
    this.render();
  }

  dispose(): void {
    this.model.changed.disconnect(this.render, this);
    super.dispose();
  }

  private render(): void {
    const doc = this.node.ownerDocument;
    const nodes: HTMLElement[] = [el(doc, 'h2', 'af-sidebar-title', 'GPU Jobs')];
    const ex = this.model.executor;
    const status = el(doc, 'p', `af-executor${ex.warning ? ' af-warning' : ''}`, ex.message);
    if (ex.warning) status.setAttribute('role', 'alert');
    nodes.push(status);
    if (this.model.noAccelerator) {
      const n = el(doc, 'p', 'af-no-gpu', 'No GPU or Ray cluster in use: mining runs with the CPU miner in the kernel, and GPU jobs fall back to the CPU or fail with a clear message.');
      n.id = 'af-no-gpu';
      nodes.push(n);
    }
    const rayError = this.model.rayError;
    if (rayError) {
      const r = el(doc, 'p', 'af-warning af-ray-error', rayError);
      r.setAttribute('role', 'alert');
      nodes.push(r);
    }
    if (this.model.error) {
      const e = el(doc, 'p', 'af-error', this.model.error);
      e.setAttribute('role', 'alert');
      nodes.push(e);
    }
    const jobs = this.model.jobs;
    if (jobs.length === 0) {
      nodes.push(el(doc, 'p', 'af-empty', 'No jobs yet. Jobs submitted from a notebook or the alpha-factory CLI will appear here.'));
    } else {
      nodes.push(el(doc, 'p', 'af-note', `${jobs.length} job${jobs.length === 1 ? '' : 's'}, ${this.model.active} active.`));
      const list = el(doc, 'ul', 'af-job-list');
      list.setAttribute('aria-label', 'Jobs');
      const now = (this.options.now ?? Date.now)();
      // re-use the item of a job whose row, expansion and elapsed text are unchanged (1,000 jobs re-render cheaply)
      const items = new Map<string, { key: string; node: HTMLElement }>();
      for (const j of jobs) {
        const key = `${JSON.stringify(j)}|${this.model.expanded === j.id ? this.model.log : ''}|${this.model.expanded === j.id}|${elapsed(j, now)}`;
        const prev = this.items.get(j.id);
        const node = prev && prev.key === key ? prev.node : this.jobItem(doc, j, now);
        items.set(j.id, { key, node });
        list.appendChild(node);
      }
      this.items = items;
      nodes.push(list);
    }
    this.node.replaceChildren(...nodes);
  }

  private jobItem(doc: Document, j: JobRow, now: number): HTMLElement {
    const li = el(doc, 'li', `af-job af-job-${j.status}`);
    li.dataset.id = j.id;
    const head = li.appendChild(el(doc, 'button', 'af-job-head'));
    head.type = 'button';
    const open = this.model.expanded === j.id;
    head.setAttribute('aria-expanded', String(open));
    head.appendChild(el(doc, 'span', `af-job-state af-state-${j.status}`, j.status));
    head.appendChild(el(doc, 'span', 'af-job-name', j.name || j.id));
    head.appendChild(el(doc, 'span', 'af-job-elapsed', elapsed(j, now)));
    head.addEventListener('click', () => void this.model.toggle(j.id));
    if (j.progress !== null) {
      const bar = li.appendChild(el(doc, 'progress', 'af-job-progress'));
      bar.max = 1;
      bar.value = j.progress;
      bar.setAttribute('aria-label', `Progress of ${j.name || j.id}: ${Math.round(j.progress * 100)}%`);
    }
    const ray = j.source === 'ray';
    const meta = [
      j.kind,
      j.executor,
      j.device ?? 'device unknown',
      j.attempt && j.attempt > 1 ? `attempt ${j.attempt}` : '',
      !ray && j.rayStatus ? `Ray ${j.rayStatus}` : '',
      ray ? 'not from the job store' : '',
    ]
      .filter(Boolean)
      .join(' · ');
    li.appendChild(el(doc, 'div', 'af-job-meta', meta));
    if (j.message && !open) li.appendChild(el(doc, 'div', 'af-job-message', j.message));
    if (!open) return li;

    const details = li.appendChild(el(doc, 'div', 'af-job-details'));
    details.appendChild(el(doc, 'div', 'af-job-id', `id ${j.id}`));
    if (j.message) details.appendChild(el(doc, 'div', 'af-job-message', j.message));
    if (j.error) details.appendChild(el(doc, 'div', 'af-error', j.error));
    const log = this.model.log || j.logTail || '';
    details.appendChild(el(doc, 'pre', 'af-job-log', log || '(no log yet)')).setAttribute('aria-label', 'Log tail');
    if (j.artifacts && j.artifacts.length > 0) {
      const ul = details.appendChild(el(doc, 'ul', 'af-job-artifacts'));
      for (const a of j.artifacts) {
        const b = ul.appendChild(el(doc, 'li')).appendChild(el(doc, 'button', 'af-link', a));
        b.type = 'button';
        const folder = this.options.storeFolder?.() ?? '';
        b.addEventListener('click', () => this.options.openFile?.(`${folder}/${j.id}/artifacts/${a}`));
      }
    }
    const actions = details.appendChild(el(doc, 'div', 'af-buttons'));
    const act = (label: string, cls: string, run: () => void): void => {
      const b = actions.appendChild(el(doc, 'button', `af-button ${cls}`, label));
      b.type = 'button';
      b.addEventListener('click', run);
    };
    const active = j.status === 'queued' || j.status === 'running';
    if (ray) {
      // a job of the cluster submitted by other tools: Cancel stops it on Ray; no spec to retry or clone
      if (active && j.raySubmissionId) act('Cancel', 'af-job-cancel', () => void this.model.command({ type: 'cancel-job', jobId: j.id }));
      return li;
    }
    if (active) act('Cancel', 'af-job-cancel', () => void this.model.command({ type: 'cancel-job', jobId: j.id }));
    if (j.status === 'failed' || j.status === 'cancelled') act('Retry', 'af-job-retry', () => void this.model.command({ type: 'retry-job', jobId: j.id }));
    const seedInput = el(doc, 'input', 'af-input af-input-number af-clone-seed');
    seedInput.type = 'number';
    seedInput.value = String((j.seed ?? 0) + 1);
    seedInput.setAttribute('aria-label', 'Seed for the clone');
    act('Clone with seed', 'af-job-clone', () => void this.model.command({ type: 'clone-job', jobId: j.id, seed: Number(seedInput.value) || 0 }));
    actions.appendChild(seedInput);
    act('Show in notebook', 'af-job-show', () => void this.model.command({ type: 'show-job', jobId: j.id }));
    return li;
  }
}
