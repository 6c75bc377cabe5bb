import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AlphaFactoryError } from '../../errors';
import { formatOf, readFileBytes } from '../../data/bytes';
import { datasets } from '../../data/datasets';
import { describe } from '../../data/describe';
import { DataValidationError, formatIssue } from '../../data/issues';
import { validateContent, type ValidationReport } from '../../data/load';
import type { LoadOptions, PanelLayout } from '../../data/options';
import { usageError as groupUsageError, withUsageErrors } from '../args';
import type { CliCommand, CliIO } from '../command';

const USAGE = `Usage:
  alpha-factory data info <file|dataset> [--json] [--strict] [--field-name close]
                          [--layout auto|long|wide|single] [--date-column C] [--ticker-column C]
                          [--asset NAME] [--rows N]
  alpha-factory data list [--json]

info   Reads a data file (CSV, .csv.gz, Arrow IPC, Parquet) or a bundled dataset by name,
       prints every validation issue with its row (header = row 1) and column, then
       count, missing, mean, std, min, 25%, 50%, 75%, max per field and asset.
       Exits 1 when the file has an error (duplicate (date, asset) rows, unparseable dates,
       missing columns, non-positive prices, ...), printing the first one on stderr.
       Missing markers (".") and unsorted dates are warnings, errors with --strict.
         --json            machine-readable report on stdout
         --strict          markers and unsorted dates are errors
         --field-name F    the field a wide file holds (default close)
         --rows N          statistics rows printed (default 50; --json prints all)
list   The bundled datasets and their provenance.
`;

const usageError = (message: string): AlphaFactoryError => groupUsageError('data', message);

function parse(argv: string[]) {
  return withUsageErrors('data', () => parseArgs({ args: argv, allowPositionals: true, options: {
        json: { type: 'boolean' },
        strict: { type: 'boolean' },
        'field-name': { type: 'string' },
        layout: { type: 'string' },
        'date-column': { type: 'string' },
        'ticker-column': { type: 'string' },
        asset: { type: 'string' },
        rows: { type: 'string' },
      } }));
}

function readReport(target: string, opts: LoadOptions, io: CliIO): ValidationReport {
  const path = resolve(io.cwd, target);
  if (!existsSync(path) && datasets.list().some((d) => d.name === target)) {
    const dpath = datasets.path(target);
    const fb = readFileBytes(dpath);
    const info = datasets.info(target);
    return validateContent(fb.content, {
      layout: info.layout,
      asset: info.layout === 'single' ? 'SPX' : undefined,
      ...opts,
      file: target,
      sha256: fb.sha256,
      format: formatOf(dpath, fb.content),
    });
  }
  const fb = readFileBytes(path, target);
  // messages name the file as the user typed it
  return validateContent(fb.content, { ...opts, file: target, sha256: fb.sha256, format: formatOf(path, fb.content) });
}

async function info(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length !== 1) throw usageError('expected exactly one file or dataset name');
  const layout = values.layout;
  if (layout !== undefined && !['auto', 'long', 'wide', 'single'].includes(layout)) {
    throw usageError(`--layout must be auto, long, wide or single, not "${layout}"`);
  }
  const rowsShown = values.rows === undefined ? 50 : Number(values.rows);
  if (!Number.isInteger(rowsShown) || rowsShown < 0) throw usageError(`--rows must be a non-negative integer, not "${values.rows}"`);
  const opts: LoadOptions = {
    strict: values.strict === true,
    fieldName: values['field-name'],
    layout: layout as PanelLayout | 'auto' | undefined,
    dateColumn: values['date-column'],
    tickerColumn: values['ticker-column'],
    asset: values.asset,
  };
  for (const k of Object.keys(opts) as (keyof LoadOptions)[]) if (opts[k] === undefined) delete opts[k];
  const report = readReport(positionals[0], opts, io);
  const stats = report.panel ? describe(report.panel) : null;
  if (values.json) {
    const p = report.panel;
    const json = {
      file: report.file,
      format: report.format,
      layout: report.layout,
      rows: report.rows,
      sha256: report.sha256,
      ok: report.ok,
      errors: report.errors,
      warnings: report.warnings,
      missingMarkers: report.missingMarkers,
      issues: report.issues,
      panel: p
        ? { dates: p.nDates, firstDate: p.dates[0] ?? null, lastDate: p.dates[p.nDates - 1] ?? null, assets: p.assets, fields: p.fields }
        : null,
      statistics: stats ? stats.toJSON() : null,
    };
    io.out(JSON.stringify(json, null, 2) + '\n');
  } else {
    const lines: string[] = [];
    lines.push(`${report.file}: ${report.format}, ${report.layout ?? 'unknown'} layout, ${report.rows} data rows, sha256 ${report.sha256}`);
    if (report.panel) lines.push(`panel: ${report.panel.toString()}`);
    if (report.missingMarkers > 0) lines.push(`missing markers read as NaN: ${report.missingMarkers}`);
    lines.push(`issues: ${report.errors} error(s), ${report.warnings} warning(s)`);
    for (const issue of report.issues) lines.push(`  ${formatIssue(issue)}`);
    if (stats) {
      lines.push('statistics:');
      lines.push(stats.toString(rowsShown));
    }
    io.out(lines.join('\n') + '\n');
  }
  if (!report.ok) throw new DataValidationError(report.issues);
  return 0;
}

async function list(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length > 0) throw usageError('data list takes no arguments');
  const all = datasets.list();
  if (values.json) {
    io.out(JSON.stringify(all, null, 2) + '\n');
    return 0;
  }
  const lines = all.map((d) => `${d.name}  (${d.file}, ${d.layout}, ${d.rows} rows)\n    ${d.description}\n    source: ${d.source}; licence: ${d.licence}`);
  io.out(lines.join('\n') + '\n');
  return 0;
}

export const dataCommand: CliCommand = {
  name: 'data',
  summary: 'validate and describe a data file (data info), list bundled datasets (data list)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(USAGE);
      return 0;
    }
    if (sub === 'info') return info(rest, io);
    if (sub === 'list') return list(rest, io);
    if (sub === undefined) throw usageError('expected a subcommand: info or list');
    throw usageError(`unknown subcommand "${sub}"`);
  },
};
