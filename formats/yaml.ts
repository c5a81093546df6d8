/**
 * Just enough YAML to write front matter safely: every string as a double-quoted
 * scalar, escaped so that any text (colons, quotes, '#', line breaks, control
 * characters, Chinese, emoji, right-to-left text) reads back unchanged. Pure.
 */
import { wellFormed } from './text';

const NAMED: Record<string, string> = {
  '\0': '\\0',
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\u000b': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\u001b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

const hex = (cp: number, width: number) => cp.toString(16).toUpperCase().padStart(width, '0');

/**
 * A YAML double-quoted scalar. Characters outside YAML's printable set (C0/C1 controls,
 * DEL, U+FFFE/U+FFFF), the line/paragraph separators and the byte order mark
 * are written as escapes; lone surrogates become U+FFFD.
 */
export function yamlString(value: string): string {
  let out = '"';
  for (const ch of wellFormed(value)) {
    const named = NAMED[ch];
    if (named) {
      out += named;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) out += `\\x${hex(cp, 2)}`;
    else if (cp === 0xfeff || cp === 0xfffe || cp === 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += ch;
  }
  return `${out}"`;
}

export type YamlValue = string | { raw: string } | readonly string[];

/**
 * Front matter lines for the given fields, in order. Strings are quoted; `{ raw }` is
 * written as is (for dates, numbers); lists become block sequences of quoted strings,
 * or `[]` when empty. Keys must be plain identifiers.
 */
export function frontMatter(fields: readonly (readonly [string, YamlValue | undefined])[]): string {
  const lines = ['---'];
  for (const [key, value] of fields) {
    if (value === undefined) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) throw new Error(`Not a plain YAML key: ${key}`);
    if (typeof value === 'string') lines.push(`${key}: ${yamlString(value)}`);
    else if ('raw' in value) lines.push(`${key}: ${value.raw}`);
    else if (value.length === 0) lines.push(`${key}: []`);
    else lines.push(`${key}:`, ...value.map((v) => `  - ${yamlString(v)}`));
  }
  lines.push('---');
  return `${lines.join('\n')}\n`;
}
