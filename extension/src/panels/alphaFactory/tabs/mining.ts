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
  buttons.appendChild(button(doc, 'Start Mining', () => void model.startMining(), { id: 'af-mine-start', primary: true }));
  buttons.appendChild(button(doc, 'Cancel', () => void model.cancelMining(), { id: 'af-mine-cancel' }));

  const results = (): HTMLElement => {
    const root = el(doc, 'div', 'af-results');
    root.appendChild(actionStatus(doc, model.miningRun, 'Mining new alpha factors… This may take a while.'));
    const box = root.appendChild(el(doc, 'div', 'af-mining-progress'));
    box.id = 'af-mining-progress';
    box.setAttribute('aria-live', 'polite');
    const jobId = model.job && typeof model.job.id === 'string' ? model.job.id : null;
    const live = jobId ? liveJob(jobId) : null;
    let done: number | null = null;
    let total = 1;
    let text = '';
    if (live || model.job) {
      const state = live?.state ?? String(model.job?.state ?? '');
      const frac = live?.progress ?? (typeof model.job?.progress === 'number' ? model.job.progress : null);
      done = frac;
      text = `Job ${jobId} ${state}${live?.message ? `: ${live.message}` : ''}${live?.device ? ` on ${live.device}` : ''}`;
    } else if (model.progress) {
      done = model.progress.done;
      total = model.progress.total;
      text = `Epoch ${model.progress.done}/${model.progress.total}${model.progress.message ? `, ${model.progress.message}` : ''}`;
    }
    if (done !== null) {
      const bar = box.appendChild(el(doc, 'progress', 'af-progress-bar'));
      bar.max = total;
      bar.value = done;
      bar.setAttribute('aria-label', 'Mining progress');
      box.appendChild(el(doc, 'span', 'af-progress-text', text));
    }
    const zoo = model.zoo;
    if (zoo) {
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
