import { Widget } from '@lumino/widgets';
import { dataTable, el } from '../../render/dom';
import type { GpuJobsModel } from './model';

/** The GPU Jobs sidebar: executor configuration, then the jobs list or its empty state. */
export class GpuJobsView extends Widget {
  constructor(private readonly model: GpuJobsModel) {
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
    const jobs = this.model.jobs;
    if (jobs.length === 0) {
      nodes.push(
        el(doc, 'p', 'af-empty', 'No jobs yet. Jobs submitted from a notebook or the alpha-factory CLI will appear here.'),
      );
    } else {
      const rows = jobs.map((j) => [j.id, j.name, j.status, j.progress === null ? null : `${Math.round(j.progress * 100)}%`, j.device, j.executor]);
      nodes.push(dataTable(doc, ['id', 'name', 'status', 'progress', 'device', 'executor'], rows));
    }
    this.node.replaceChildren(...nodes);
  }
}
