import { AlphaFactoryError } from '../errors';

/**
 * A small YAML reader for configuration files: block mappings and sequences by indentation,
 * `- ` list items (including `- key: value` mappings), flow sequences `[a, b]`, plain and quoted
 * scalars (numbers, true/false, null/~, strings), `#` comments. Anchors, multi-line strings, flow
 * mappings and tags are not supported and raise an error naming the line.
 */
export function parseYaml(text: string, file = 'config'): unknown {
  const lines: { indent: number; text: string; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const stripped = stripComment(raw);
    if (stripped.trim() === '' || stripped.trim() === '---') return;
    if (/^\t/.test(raw)) throw err(file, i + 1, 'tabs are not allowed for indentation');
    lines.push({ indent: stripped.length - stripped.trimStart().length, text: stripped.trim(), line: i + 1 });
  });
  if (lines.length === 0) return null;
  let pos = 0;

  function parseBlock(indent: number): unknown {
    const first = lines[pos];
    if (first.text.startsWith('- ') || first.text === '-') return parseSeq(indent);
    return parseMap(indent);
  }

  function parseSeq(indent: number): unknown[] {
    const out: unknown[] = [];
    while (pos < lines.length && lines[pos].indent === indent && (lines[pos].text.startsWith('- ') || lines[pos].text === '-')) {
      const l = lines[pos];
      const rest = l.text === '-' ? '' : l.text.slice(2).trim();
      if (rest === '') {
        pos++;
        out.push(pos < lines.length && lines[pos].indent > indent ? parseBlock(lines[pos].indent) : null);
      } else if (isKeyValue(rest)) {
        // "- key: value" starts a mapping whose further keys are indented to the key's column
        const col = indent + (l.text.length - l.text.slice(1).trimStart().length);
        lines[pos] = { indent: col, text: rest, line: l.line };
        out.push(parseMap(col));
      } else {
        pos++;
        out.push(scalar(rest, l.line));
      }
    }
    return out;
  }

  function parseMap(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (pos < lines.length && lines[pos].indent === indent) {
      const l = lines[pos];
      if (l.text.startsWith('- ')) throw err(file, l.line, 'a list item where a "key: value" was expected');
      const m = /^("[^"]*"|'[^']*'|[^:]+?)\s*:(?:\s+(.*))?$/.exec(l.text);
      if (!m) throw err(file, l.line, `expected "key: value", got "${l.text}"`);
      const key = unquote(m[1]);
      if (key in out) throw err(file, l.line, `duplicate key "${key}"`);
      const rest = (m[2] ?? '').trim();
      pos++;
      if (rest === '') {
        out[key] = pos < lines.length && lines[pos].indent > indent ? parseBlock(lines[pos].indent) : pos < lines.length && lines[pos].indent === indent && lines[pos].text.startsWith('- ') ? parseSeq(indent) : null;
      } else {
        out[key] = scalar(rest, l.line);
      }
    }
    if (pos < lines.length && lines[pos].indent > indent) throw err(file, lines[pos].line, 'unexpected indentation');
    return out;
  }

  function scalar(s: string, line: number): unknown {
    if (s.startsWith('[')) {
      if (!s.endsWith(']')) throw err(file, line, 'unterminated flow sequence');
      const body = s.slice(1, -1).trim();
      return body === '' ? [] : splitFlow(body).map((x) => scalar(x.trim(), line));
    }
    if (s.startsWith('{')) throw err(file, line, 'flow mappings {...} are not supported');
    if (/^[&*!|>]/.test(s)) throw err(file, line, `unsupported YAML feature "${s[0]}"`);
    if (s.startsWith('"') || s.startsWith("'")) {
      if (s.length < 2 || s[s.length - 1] !== s[0]) throw err(file, line, 'unterminated quoted string');
      return unquote(s);
    }
    if (/^(true|True|TRUE)$/.test(s)) return true;
    if (/^(false|False|FALSE)$/.test(s)) return false;
    if (/^(null|Null|NULL|~)$/.test(s)) return null;
    if (/^[-+]?(\d[\d_]*)?(\.\d+)?([eE][-+]?\d+)?$/.test(s) && /\d/.test(s)) return Number(s.replace(/_/g, ''));
    return s;
  }

  const value = parseBlock(lines[0].indent);
  if (pos < lines.length) throw err(file, lines[pos].line, 'unexpected content (check the indentation)');
  return value;
}

function isKeyValue(s: string): boolean {
  return /^("[^"]*"|'[^']*'|[^:\s][^:]*?)\s*:(\s|$)/.test(s);
}

function stripComment(s: string): string {
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

function splitFlow(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let q: string | null = null;
  let cur = '';
  for (const c of s) {
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function unquote(s: string): string {
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) {
    const body = s.slice(1, -1);
    return s[0] === '"' ? body.replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\') : body.replace(/''/g, "'");
  }
  return s;
}

function err(file: string, row: number, msg: string): AlphaFactoryError {
  return new AlphaFactoryError('invalid_config', msg, { file, row });
}
