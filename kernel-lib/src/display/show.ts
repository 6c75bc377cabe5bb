import { toBundle } from './bundle';
import { writeBundle } from './tslab';

/**
 * Display anything in the notebook as one rich output (see `toBundle` for what each kind
 * of value becomes). Outside a tslab kernel (plain node, the CLI) it prints the text form.
 */
export function show(x: unknown): void {
  const bundle = toBundle(x);
  if (!writeBundle(bundle)) process.stdout.write(String(bundle['text/plain'] ?? '') + '\n');
}
