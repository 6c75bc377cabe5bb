import { EPOCHS, EXECUTORS, EXECUTOR_LABELS, GENERATORS, METRICS } from '../../../codegen/actions';
import { el, keyValueTable } from '../../../render/dom';
import { actionStatus, button, fixed, numberField, selectField, sliderField } from '../../form';
import type { AlphaFactoryModel } from '../model';

export interface LiveJob {
  state: string;
  progress: number | null;
  message: string | null;
  device: string | null;
}

/** Mining tab: the parameter form (A.9's controls), Start and Cancel, live progress. */
export function miningTab(doc: Document, model: AlphaFactoryModel, liveJob: (id: string) => LiveJob | null): { form: HTMLElement; results: () => HTMLElement } {
  const m = (): typeof model.mining => model.mining;
  const set = <K extends keyof typeof model.mining>(k: K) => (v: (typeof model.mining)[K]): void => {
    model.mining = { ...model.mining, [k]: v };
  };
  const form = el(doc, 'form', 'af-form af-form-grid');
  form.setAttribute('aria-label', 'AlphaForge mining parameters');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void model.startMining();
  });
  form.appendChild(selectField(doc, 'Generative model', m().generator, GENERATORS, set('generator'), { id: 'af-mine-generator' }));
  form.appendChild(sliderField(doc, 'Training epochs', m().epochs, set('epochs'), { id: 'af-mine-epochs', min: EPOCHS.min, max: EPOCHS.max, step: EPOCHS.step }));
  form.appendChild(numberField(doc, 'Zoo size', m().zooSize, set('zooSize'), { id: 'af-mine-zoo-size', min: 1, max: 100000, step: 1 }));
  form.appendChild(selectField(doc, 'Evaluation metric', m().metric, METRICS, set('metric'), { id: 'af-mine-metric' }));
  form.appendChild(numberField(doc, 'Minimum |IC|', m().minIC, set('minIC'), { id: 'af-mine-min-ic', min: 0, max: 1, step: 0.005 }));
  form.appendChild(numberField(doc, 'Minimum |ICIR|', m().minICIR, set('minICIR'), { id: 'af-mine-min-icir', min: 0, step: 0.05 }));
  form.appendChild(numberField(doc, 'Maximum correlation to the zoo', m().maxCorrelation, set('maxCorrelation'), { id: 'af-mine-max-corr', min: 0, max: 1, step: 0.05 }));
  form.appendChild(numberField(doc, 'Seed', m().seed, set('seed'), { id: 'af-mine-seed', min: 0, step: 1 }));
  form.appendChild(
    selectField(doc, 'Executor', m().executor, EXECUTORS.map((v) => ({ value: v, label: EXECUTOR_LABELS[v] })), set('executor'), { id: 'af-mine-executor' }),
  );
  form.appendChild(numberField(doc, 'CPU miner: generations', m().generations, set('generations'), { id: 'af-mine-generations', min: 1, step: 1 }));
  form.appendChild(numberField(doc, 'CPU miner: population', m().population, set('population'), { id: 'af-mine-population', min: 10, step: 10 }));
  const buttons = form.appendChild(el(doc, 'div', 'af-buttons'));
  const start = buttons.appendChild(button(doc, 'Start Mining', () => void model.startMining(), { id: 'af-mine-start', primary: true }));
  const cancel = buttons.appendChild(
    button(doc, 'Cancel', () => void model.cancelMining(), { id: 'af-mine-cancel', title: 'CPU miner: interrupt the kernel (the run stops after the current generation). Job: cancel it.' }),
  );

  const results = (): HTMLElement => {
    const running = model.miningRun.running;
    const jobId = model.job && typeof model.job.id === 'string' ? model.job.id : null;
    const live = jobId ? liveJob(jobId) : null;
    const jobActive = !!jobId && ['queued', 'running'].includes(live?.state ?? String(model.job?.state ?? ''));
    start.disabled = running;
    cancel.disabled = !(running || jobActive);
    const root = el(doc, 'div', 'af-results');
    root.appendChild(actionStatus(doc, model.miningRun, model.cancelled ? 'Cancelling: the miner stops after the current generation…' : 'Mining new alpha factors… This may take a while.'));
    if (model.cancelled && !running) {
      const c = root.appendChild(el(doc, 'p', 'af-note af-mining-cancelled', 'Mining cancelled: the kernel was interrupted and the run stopped.'));
      c.id = 'af-mining-cancelled';
    }
    const box = root.appendChild(el(doc, 'div', 'af-mining-progress'));
    box.id = 'af-mining-progress';
    box.setAttribute('aria-live', 'polite');
    if (live || model.job) {
      const state = live?.state ?? String(model.job?.state ?? '');
      const frac = live?.progress ?? (typeof model.job?.progress === 'number' ? model.job.progress : null);
      if (frac !== null) progressBar(doc, box, frac, 1);
      box.appendChild(el(doc, 'span', 'af-progress-text', `Job ${jobId} ${state}${live?.message ? `: ${live.message}` : ''}${live?.device ? ` on ${live.device}` : ''}`));
    } else if (model.progress) {
      const pr = model.progress;
      progressBar(doc, box, pr.done, pr.total);
      box.dataset.done = String(pr.done);
      box.dataset.total = String(pr.total);
      const stats = pr.stats ?? {};
      const num = (k: string): number | null => (typeof stats[k] === 'number' && Number.isFinite(stats[k]) ? (stats[k] as number) : null);
      const figures = el(doc, 'dl', 'af-progress-figures');
      const add = (label: string, value: string, cls: string): void => {
        const item = figures.appendChild(el(doc, 'div', `af-progress-figure ${cls}`));
        item.appendChild(el(doc, 'dt', undefined, label));
        item.appendChild(el(doc, 'dd', undefined, value));
      };
      add(model.mining.executor === 'cpu' ? 'Generation' : 'Epoch', `${pr.done}/${pr.total}`, 'af-progress-step');
      const zoo = num('zoo');
      const target = num('zooSize');
      if (zoo !== null) add('Zoo', target !== null ? `${zoo}/${target}` : String(zoo), 'af-progress-zoo');
      const best = num('best');
      // the CPU miner's progress names its fitness metric; otherwise the one chosen on the tab
      const metric = typeof stats.metric === 'string' && stats.metric !== '' ? stats.metric : model.mining.metric;
      if (best !== null) add(`Best |${metric}|`, fixed(best, 4), 'af-progress-best');
      if (figures.childElementCount > 1) box.appendChild(figures);
      else box.appendChild(el(doc, 'span', 'af-progress-text', `${pr.done}/${pr.total}${pr.message ? `, ${pr.message}` : ''}`));
    }
    const zoo = model.zoo;
    if (zoo && !running && !model.cancelled) {
      const counts = (zoo.counts ?? {}) as Record<string, unknown>;
      const best = model.factors.rows.reduce<number | null>((b, r) => (r.ic !== null && (b === null || Math.abs(r.ic) > b) ? Math.abs(r.ic) : b), null);
      const done2 = el(doc, 'p', 'af-ok', `Mining complete! ${model.factors.rows.length} factors in the zoo.`);
      done2.id = 'af-mining-complete';
      root.appendChild(done2);
      root.appendChild(keyValueTable(doc, [
        ['active', counts.active],
        ['candidate', counts.candidate],
        ['best |IC|', best === null ? null : Number(fixed(best, 4))],
      ]));
      root.appendChild(el(doc, 'p', 'af-note', 'See the Factors tab for the zoo.'));
    }
    return root;
  };
  return { form, results };
}

function progressBar(doc: Document, box: HTMLElement, done: number, total: number): void {
  const bar = box.appendChild(el(doc, 'progress', 'af-progress-bar'));
  bar.max = total > 0 ? total : 1;
  bar.value = Math.min(done, bar.max);
  bar.setAttribute('aria-label', `Mining progress: ${done} of ${total}`);
}
