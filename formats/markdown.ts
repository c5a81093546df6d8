/**
 * Markdown for Obsidian and similar note apps (export only). Pure.
 *
 * Every file starts with YAML front matter (title, url, site, saved, tags, entities);
 * every clipping is a blockquote followed by its note, its tags as #tags and its entities
 * as [[wiki links]]. The page's heading links the page; each quote ends with a link, "↗",
 * to its place on the page (a text fragment, `#:~:text=`, formats/text-fragment.ts).
 * Clipped text and notes are treated as plain text: characters that
 * Markdown or Obsidian would read as syntax are escaped, so a clipping can never end
 * the quote early, start a heading, list, code block, table, link, tag, comment or
 * math, or break the front matter.
 */
import type { Clipping } from '../model/clipping';
import { nameOf, type EntityNames } from './common';
import { exportFileName, safeFileName, uniqueFileNames, type ExportScope } from './filenames';
import { linkToClipping } from './text-fragment';
import { localDay, normalizeNewlines, wellFormed } from './text';
import { frontMatter, type YamlValue } from './yaml';

export interface MarkdownContext extends EntityNames {
  /** Export time (names the single file, fills `exported`). */
  now: Date;
  /** IANA time zone for calendar days (saved, exported, file name); default: the runtime's. */
  timeZone?: string;
}

export interface MarkdownOptions {
  /** 'single': one file with every page; 'per-page': one file per page. */
  split: 'single' | 'per-page';
  /** What is exported (names the single file). Default 'all'. */
  scope?: ExportScope;
  /** Title of the single file. Default "CNAI clippings". */
  title?: string;
}

export interface ExportFile {
  name: string;
  content: string;
}

const ENTITY_REF = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi;

/** One line of plain text with Markdown/Obsidian syntax escaped (the line must hold no line break). */
function escapeLine(line: string): string {
  let s = line.replace(/\0/g, '\uFFFD').replace(/^[ \t]+|[ \t]+$/g, '');
  s = s
    .replace(/[\\`*_[\]<>|~#$^]/g, '\\$&') // emphasis, code, links, HTML, tables, strike, headings/tags, math, block ids
    .replace(/=(?==)|(?<==)=/g, '\\=') // ==highlight==
    .replace(/%(?=%)|(?<=%)%/g, '\\%') // %%comment%%
    .replace(ENTITY_REF, (m) => `\\${m}`); // &amp; would show as &
  // What only counts at the start of a line: lists, setext underlines, thematic breaks.
  s = s.replace(/^([-+=])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return s;
}

/** Plain text as Markdown lines (escaped; line breaks kept; leading/trailing blank lines dropped). */
function escapeText(text: string): string[] {
  const lines = normalizeNewlines(wellFormed(text)).split('\n').map(escapeLine);
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A single-line inline text (titles, link text). */
function escapeInline(text: string): string {
  return escapeLine(normalizeNewlines(wellFormed(text)).replace(/\s*\n\s*/g, ' '));
}

/**
 * A tag as Obsidian accepts it after '#': letters, digits, '_', '-', '/' (nesting) and
 * emoji; white space and other characters become '-'; a tag of digits only gets a
 * leading '_' (Obsidian needs one character that is not a digit). '' when nothing is left.
 */
export function obsidianTag(tag: string): string {
  let t = wellFormed(tag)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M}_\-/\p{Extended_Pictographic}\u200d\ufe0f]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/\/{2,}/g, '/')
    .replace(/^[-/]+|[-/]+$/g, '');
  if (t && /^[\d/]+$/.test(t)) t = `_${t}`;
  return t;
}

/** Characters that cannot be in an Obsidian link target (note names are file names; '#', '^', '|' and brackets are link syntax). */
const LINK_FORBIDDEN = /[[\]|#^\\/:*?"<>\u0000-\u001f\u007f]+/g;

/** An entity name as a [[wiki link]], e.g. "DeepSeek" → [[DeepSeek]], "A/B" → [[A B|A/B]]. */
export function wikiLink(name: string): string {
  const clean = normalizeNewlines(wellFormed(name)).replace(/\s+/g, ' ').trim();
  const target = clean.replace(LINK_FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '') || 'Untitled';
  if (target === clean) return `[[${target}]]`;
  return /[[\]|]/.test(clean) ? `[[${target}]]` : `[[${target}|${clean}]]`;
}

function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

function tagsOf(clippings: readonly Clipping[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of clippings)
    for (const t of c.tags) {
      const o = obsidianTag(t);
      if (o && !seen.has(o.toLowerCase())) {
        seen.add(o.toLowerCase());
        out.push(o);
      }
    }
  return out;
}

function linksOf(clippings: readonly Clipping[], ctx: EntityNames): string[] {
  return uniq(clippings.flatMap((c) => c.entities.map((id) => wikiLink(nameOf(ctx, id)))));
}

function earliest(clippings: readonly Clipping[]): string {
  return clippings.reduce((m, c) => (c.created < m ? c.created : m), clippings[0]!.created);
}

/** Clippings of a page in reading order: those with a position by position, then the others by time. */
function inPageOrder(clippings: readonly Clipping[]): Clipping[] {
  return [...clippings].sort((a, b) => {
    if (a.position && b.position) return a.position.start - b.position.start || a.created.localeCompare(b.created);
    if (a.position) return -1;
    if (b.position) return 1;
    return a.created.localeCompare(b.created);
  });
}

function groupByPage(clippings: readonly Clipping[]): Clipping[][] {
  const pages = new Map<string, Clipping[]>();
  for (const c of clippings) {
    const list = pages.get(c.url);
    if (list) list.push(c);
    else pages.set(c.url, [c]);
  }
  return [...pages.values()].map(inPageOrder);
}

function pageTitle(c: Clipping): string {
  return c.title.trim() || c.site || c.url;
}

/** A URL as a link destination: in angle brackets, so spaces and parentheses need no escape; line breaks (which a URL parser drops) are encoded. */
function linkDestination(url: string): string {
  return `<${url.replace(/[<>\\]/g, '\\$&').replace(/[\r\n]/g, encodeURIComponent)}>`;
}

/** The link after a clipping's quote: to the clipping's place on its page. */
export function clippingLink(c: Clipping): string {
  return `[↗](${linkDestination(linkToClipping(c))})`;
}

function clippingBlock(c: Clipping, ctx: EntityNames): string {
  const parts: string[] = [];
  const quote = escapeText(c.text);
  // The link ends the quote's last line (a line of its own would be part of the quote, or
  // need a blank line in it).
  if (quote.length) quote[quote.length - 1] += ` ${clippingLink(c)}`;
  else quote.push(clippingLink(c));
  parts.push(quote.map((l) => (l ? `> ${l}` : '>')).join('\n'));
  const note = escapeText(c.note);
  if (note.length) parts.push(note.join('\n'));
  const meta: string[] = [];
  const tags = tagsOf([c]);
  if (tags.length) meta.push(tags.map((t) => `#${t}`).join(' '));
  const links = linksOf([c], ctx);
  if (links.length) meta.push(links.join(' '));
  if (meta.length) parts.push(meta.join('\n'));
  return parts.join('\n\n');
}

function pageSection(clippings: readonly Clipping[], ctx: EntityNames, heading: string): string {
  const first = clippings[0]!;
  const head = `${heading} ${escapeInline(pageTitle(first))}\n\nSource: [${escapeInline(first.site || first.url)}](${linkDestination(first.url)})`;
  return [head, clippings.map((c) => clippingBlock(c, ctx)).join('\n\n---\n\n')].join('\n\n');
}

function pageFrontMatter(clippings: readonly Clipping[], ctx: MarkdownContext): string {
  const first = clippings[0]!;
  return frontMatter([
    ['title', pageTitle(first)],
    ['url', first.url],
    ['site', first.site],
    ['saved', { raw: localDay(earliest(clippings), ctx.timeZone) }],
    ['tags', tagsOf(clippings)],
    ['entities', linksOf(clippings, ctx)],
  ]);
}

/** The clippings as Markdown files. */
export function toMarkdown(clippings: readonly Clipping[], ctx: MarkdownContext, options: MarkdownOptions): ExportFile[] {
  const pages = groupByPage(clippings);
  if (options.split === 'per-page') {
    const names = uniqueFileNames(pages.map((p) => ({ base: safeFileName(pageTitle(p[0]!)), ext: '.md' })));
    return pages.map((p, i) => ({
      name: names[i]!,
      content: `${pageFrontMatter(p, ctx)}\n${pageSection(p, ctx, '#')}\n`,
    }));
  }
  const title = options.title ?? 'CNAI clippings';
  const single = pages.length === 1 ? pages[0]![0] : undefined;
  const fields: [string, YamlValue | undefined][] = [
    ['title', title],
    ['url', single?.url],
    ['site', single?.site],
    ['saved', clippings.length ? { raw: localDay(earliest(clippings), ctx.timeZone) } : undefined],
    ['exported', { raw: localDay(ctx.now, ctx.timeZone) }],
    ['tags', tagsOf(pages.flat())],
    ['entities', linksOf(pages.flat(), ctx)],
  ];
  const body = [`# ${escapeInline(title)}`, ...pages.map((p) => pageSection(p, ctx, '##'))].join('\n\n');
  return [{ name: exportFileName('markdown', options.scope ?? 'all', ctx.now, ctx.timeZone), content: `${frontMatter(fields)}\n${body}\n` }];
}
