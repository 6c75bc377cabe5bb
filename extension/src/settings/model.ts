import { ISignal, Signal } from '@lumino/signaling';

/** Where jobs run: this machine, or the configured Ray cluster. */
export type Executor = 'local' | 'ray';

/** Admission rule for a mined factor (see schema/settings/plugin.json). */
export interface GateThresholds {
  /** Smallest absolute mean IC admitted. */
  minIC: number;
  /** Smallest absolute ICIR (mean IC / std IC) admitted. */
  minICIR: number;
  /** Largest absolute correlation with a factor already in the zoo. */
  maxCorrelation: number;
}

/** The extension's settings; the schema is schema/settings/plugin.json. */
export interface AlphaFactorySettings {
  rayDashboardUrl: string;
  rayToken: string;
  defaultExecutor: Executor;
  experimentFolder: string;
  gateThresholds: GateThresholds;
}

/** Defaults; a unit test checks they equal the schema's `default`s. */
export const DEFAULT_SETTINGS: Readonly<AlphaFactorySettings> = Object.freeze({
  rayDashboardUrl: '',
  rayToken: '',
  defaultExecutor: 'local',
  experimentFolder: 'experiments',
  gateThresholds: Object.freeze({ minIC: 0.03, minICIR: 0.1, maxCorrelation: 0.7 }),
});

function str(x: unknown, fallback: string): string {
  return typeof x === 'string' ? x.trim() : fallback;
}

function num(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}

/**
 * Settings from the registry's composite object (user values over schema defaults); a
 * missing or mistyped field takes its default, so views never see a partial object.
 */
export function readSettings(composite: unknown): AlphaFactorySettings {
  const c = (typeof composite === 'object' && composite !== null ? composite : {}) as Record<string, unknown>;
  const g = (typeof c.gateThresholds === 'object' && c.gateThresholds !== null ? c.gateThresholds : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  return {
    rayDashboardUrl: str(c.rayDashboardUrl, d.rayDashboardUrl),
    rayToken: str(c.rayToken, d.rayToken),
    defaultExecutor: c.defaultExecutor === 'ray' || c.defaultExecutor === 'local' ? c.defaultExecutor : d.defaultExecutor,
    experimentFolder: str(c.experimentFolder, d.experimentFolder) || d.experimentFolder,
    gateThresholds: {
      minIC: num(g.minIC, d.gateThresholds.minIC),
      minICIR: num(g.minICIR, d.gateThresholds.minICIR),
      maxCorrelation: num(g.maxCorrelation, d.gateThresholds.maxCorrelation),
    },
  };
}

/** The current settings and a signal when they change (the settings plugin feeds it). */
export class SettingsModel {
  private _settings: AlphaFactorySettings = readSettings({});
  private readonly _changed = new Signal<this, AlphaFactorySettings>(this);

  get settings(): AlphaFactorySettings {
    return this._settings;
  }

  get changed(): ISignal<this, AlphaFactorySettings> {
    return this._changed;
  }

  /** Takes the registry's composite settings. */
  update(composite: unknown): void {
    this._settings = readSettings(composite);
    this._changed.emit(this._settings);
  }
}
