/**
 * W3C Web Annotation Data Model (JSON-LD), both ways. Pure.
 *
 * Export: an AnnotationCollection whose first (embedded) AnnotationPage holds one
 * Annotation per clipping:
 * - id `urn:uuid:<clipping id>`, motivation "highlighting", created, modified;
 * - target: { type: SpecificResource, source: <page URL>, "dc:title": <page title>,
 *   selector: [TextQuoteSelector, TextPositionSelector?] };
 * - body: the note as a TextualBody (purpose "commenting"), each tag as a TextualBody
 *   (purpose "tagging"), each entity as a SpecificResource (purpose "identifying") whose
 *   source is `urn:cnai:entity:<id>` and whose value is the entity's name.
 *
 * Import accepts that, and annotations from other annotators, notably Hypothesis (its
 * W3C JSON-LD and its API objects with `uri`, `text`, `tags`, `document.title`): a
 * collection, a page, a list, a single annotation or an API search result ({ rows }),
 * targets as a string, object or list, selectors as an object or list mixed with
 * RangeSelector, FragmentSelector, XPathSelector…, bodies missing, a string, an object
 * or a list, `bodyValue`. The format carries every clipping field but `site`, which is
 * taken from the URL.
 */
import { ClippingSchema, MAX_CLIPPING_TEXT, PageUrlSchema, QUOTE_CONTEXT_LENGTH, TagSchema, type Clipping } from '../model/clipping';
import { normalizePageUrl, siteOf } from '../model/url';
import { SlugSchema } from '../kb/schema';
import { defaultNewId, nameOf, type EntityNames, type ImportOptions, type ImportResult } from './common';
import { parseTimestamp } from './dates';
import { msg, type Message } from '../i18n/message';
import { describeIssue, withOutcome, zodProblems, type Problem } from './problems';
import { headCodePoints, tailCodePoints } from './text';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ENTITY_IRI_PREFIX = 'urn:cnai:entity:';
const UUID_IRI_PREFIX = 'urn:uuid:';

export const entityIri = (id: string) => `${ENTITY_IRI_PREFIX}${id}`;

type Json = Record<string, unknown>;

export interface W3CContext extends EntityNames {
  /** Export time: identifies the collection. */
  now: Date;
  /** Label of the collection. Default "CNAI clippings". */
  label?: string;
}

/** One clipping as a Web Annotation (without @context: it sits inside a collection). */
export function toAnnotation(c: Clipping, ctx: EntityNames): Json {
  const body: Json[] = [];
  if (c.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: c.note, format: 'text/plain' });
  for (const tag of c.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  for (const id of c.entities) body.push({ type: 'SpecificResource', purpose: 'identifying', source: entityIri(id), value: nameOf(ctx, id) });
  const quote: Json = { type: 'TextQuoteSelector', exact: c.quote.exact };
  if (c.quote.prefix !== undefined) quote.prefix = c.quote.prefix;
  if (c.quote.suffix !== undefined) quote.suffix = c.quote.suffix;
  const selector: Json[] = [quote];
  if (c.position) selector.push({ type: 'TextPositionSelector', start: c.position.start, end: c.position.end });
  const anno: Json = {
    id: `${UUID_IRI_PREFIX}${c.id}`,
    type: 'Annotation',
    motivation: 'highlighting',
    created: c.created,
    modified: c.updated,
  };
  if (body.length) anno.body = body;
  anno.target = { type: 'SpecificResource', source: c.url, 'dc:title': c.title, selector };
  // The clipped text is the quote's exact text; it is only written separately when it differs.
  if (c.text !== c.quote.exact) (anno.target as Json)['cnai:text'] = c.text;
  return anno;
}

/** The clippings as an AnnotationCollection object. */
export function toAnnotationCollection(clippings: readonly Clipping[], ctx: W3CContext): Json {
  const id = `urn:cnai:clippings:${ctx.now.toISOString()}`;
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: ctx.label ?? 'CNAI clippings',
    total: clippings.length,
    first: {
      id: `${id}:page:1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: clippings.map((c) => toAnnotation(c, ctx)),
    },
  };
}

/** The clippings as JSON-LD text (an AnnotationCollection). */
export function toW3C(clippings: readonly Clipping[], ctx: W3CContext): string {
  return `${JSON.stringify(toAnnotationCollection(clippings, ctx), null, 2)}\n`;
}

// ---------------------------------------------------------------------------- import

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Type names of a node, without prefixes: "oa:TextQuoteSelector" → "TextQuoteSelector". */
function typesOf(node: Json): string[] {
  return asList(node.type ?? node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^.*[#:/]/, ''));
}
const hasType = (node: Json, t: string) => typesOf(node).includes(t);
const idOf = (node: Json): string | undefined => str(node.id) ?? str(node['@id']);
const FILE = msg('problem.record.file');

/** The annotations in whatever shape the file has, or none and a problem saying why. */
function annotationsIn(root: unknown, problems: Problem[]): unknown[] {
  if (Array.isArray(root)) return root;
  if (!isObj(root)) {
    problems.push({ record: FILE, field: [], message: msg('problem.w3c.notAnnotations') });
    return [];
  }
  if (hasType(root, 'AnnotationCollection')) {
    const first = root.first;
    if (typeof first === 'string') {
      problems.push({ record: FILE, field: ['first'], message: msg('problem.w3c.firstIsLink', { url: first }) });
      return [];
    }
    const items: unknown[] = [];
    // Pages may be chained inline: first → next → …
    for (let page: unknown = first, n = 0; isObj(page) && n < 10_000; page = page.next, n++) {
      items.push(...asList(page.items));
      if (typeof page.next === 'string')
        problems.push({ record: FILE, field: ['next'], message: msg('problem.w3c.nextLink', { url: page.next }) });
    }
    return items;
  }
  if (hasType(root, 'AnnotationPage')) return asList(root.items);
  if (Array.isArray(root.rows)) return root.rows; // Hypothesis API search result
  // The Hypothesis client's export ({export_date, export_userid, client_version, annotations}), and hypexport's.
  if (Array.isArray(root.annotations)) return root.annotations;
  if (Array.isArray(root.items)) return root.items;
  if (Array.isArray(root['@graph'])) return root['@graph'];
  // A lone annotation; any other object (a settings file, another tool's JSON) is not one.
  if (hasType(root, 'Annotation') || root.target !== undefined || typeof root.uri === 'string') return [root];
  problems.push({ record: FILE, field: [], message: msg('problem.w3c.noAnnotations') });
  return [];
}

interface Target {
  source?: string;
  title?: string;
  text?: string;
  quote?: Json;
  position?: Json;
}

/** A target's selectors, with refinements (W3C refinedBy) flattened in. */
function selectorsOf(target: Json): Json[] {
  const out: Json[] = [];
  for (const s of asList(target.selector)) for (let sel: unknown = s, n = 0; isObj(sel) && n < 20; sel = sel.refinedBy, n++) out.push(sel);
  return out;
}

function readTarget(anno: Json): Target {
  const out: Target = {};
  const targets = asList(anno.target).map((t): Json => (typeof t === 'string' ? { source: t } : isObj(t) ? t : {}));
  // Prefer the target that has a quote.
  const chosen = targets.find((t) => selectorsOf(t).some((s) => hasType(s, 'TextQuoteSelector'))) ?? targets[0];
  if (chosen) {
    const src = chosen.source ?? idOf(chosen);
    out.source = typeof src === 'string' ? src : isObj(src) ? idOf(src) : undefined;
    out.title = str(chosen['dc:title']) ?? str(chosen['dcterms:title']) ?? (isObj(src) ? (str(src['dc:title']) ?? str(src.title)) : undefined);
    out.text = str(chosen['cnai:text']);
    const selectors = selectorsOf(chosen);
    out.quote = selectors.find((s) => hasType(s, 'TextQuoteSelector'));
    // A position inside a refinement counts from the refined part, not from the page: only a top-level one is the page's.
    out.position = asList(chosen.selector).find((s): s is Json => isObj(s) && hasType(s, 'TextPositionSelector'));
  }
  out.source ??= str(anno.uri); // Hypothesis API
  if (out.title === undefined && isObj(anno.document)) out.title = asList(anno.document.title).find((t): t is string => typeof t === 'string');
  return out;
}

interface Bodies {
  notes: string[];
  tags: string[];
  entities: string[];
}

function stripHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

function readBodies(anno: Json): Bodies {
  const out: Bodies = { notes: [], tags: [], entities: [] };
  const motivations = asList(anno.motivation).filter((m): m is string => typeof m === 'string');
  const entityFrom = (iri: string | undefined) => {
    if (iri?.startsWith(ENTITY_IRI_PREFIX)) {
      out.entities.push(iri.slice(ENTITY_IRI_PREFIX.length));
      return true;
    }
    return false;
  };
  const bodies = [...asList(anno.body)];
  if (typeof anno.bodyValue === 'string') bodies.unshift({ type: 'TextualBody', value: anno.bodyValue });
  for (const b of bodies) {
    if (typeof b === 'string') {
      // A string body is, by the model, the IRI of a resource; some tools write text there.
      if (!entityFrom(b) && !/^[a-z][a-z0-9+.-]*:\S*$/i.test(b) && b.trim()) out.notes.push(b);
      continue;
    }
    if (!isObj(b)) continue;
    const purposes = asList(b.purpose).filter((p): p is string => typeof p === 'string');
    const source = isObj(b.source) ? idOf(b.source) : str(b.source);
    if (entityFrom(source) || entityFrom(idOf(b))) continue;
    let value = str(b.value) ?? str(b.chars) ?? (isObj(b.value) ? str(b.value['@value']) : undefined);
    if (value === undefined) continue;
    if (/html/i.test(str(b.format) ?? '')) value = stripHtml(value);
    const isTag = purposes.includes('tagging') || (purposes.length === 0 && motivations.includes('tagging'));
    if (isTag) out.tags.push(value);
    else if (!purposes.includes('identifying') && !purposes.includes('classifying') && !purposes.includes('linking')) out.notes.push(value);
  }
  // Hypothesis API objects.
  if (typeof anno.text === 'string' && anno.text.trim()) out.notes.push(anno.text);
  for (const t of asList(anno.tags)) if (typeof t === 'string') out.tags.push(t);
  return out;
}

function shorten(s: string, max = 80) {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Reads annotations (text of a JSON or JSON-LD file, or the parsed value) into clippings. */
export function fromW3C(input: string | unknown, { newId = defaultNewId, now = new Date() }: ImportOptions = {}): ImportResult {
  const problems: Problem[] = [];
  const clippings: Clipping[] = [];
  let skipped = 0;
  let root: unknown = input;
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (e) {
      problems.push({ record: FILE, field: [], message: msg('problem.notJson', { detail: (e as Error).message }) });
      return { clippings, problems, skipped, unreadable: true };
    }
  }
  const annotations = annotationsIn(root, problems);
  // No annotations at all is a problem of the file, not of a record: nothing can be imported.
  if (!annotations.length) {
    if (!problems.length) problems.push({ record: FILE, field: [], message: msg('problem.w3c.empty') });
    return { clippings, problems, skipped, unreadable: true };
  }

  annotations.forEach((a, index) => {
    const foreignId = isObj(a) ? idOf(a) : undefined;
    const numbered = msg('problem.record.annotation', { n: index + 1 });
    const record = foreignId ? msg('problem.record.withId', { record: numbered, id: shorten(foreignId) }) : numbered;
    const recProblems: Problem[] = [];
    const skip = (field: Problem['field'], message: Message) => {
      problems.push(...recProblems, { record, field, message: withOutcome('problem.annotationSkipped', message) });
      skipped++;
    };
    if (!isObj(a)) return skip([], msg('problem.w3c.notObject'));

    const target = readTarget(a);
    if (!target.source) return skip(['target'], msg('problem.w3c.noSource'));
    const url = normalizePageUrl(target.source.trim());
    if (!PageUrlSchema.safeParse(url).success)
      return skip(['target', 'source'], msg('problem.w3c.badSource', { url: shorten(target.source) }));
    const exact = target.quote ? str(target.quote.exact) : undefined;
    if (!exact && asList(a.references).length) return skip([], msg('problem.w3c.reply'));
    if (!exact) return skip(['target', 'selector'], msg('problem.w3c.noQuote'));
    if (exact.length > MAX_CLIPPING_TEXT) return skip(['target', 'selector', 'exact'], msg('problem.tooLong', { max: MAX_CLIPPING_TEXT }));

    const quote: Clipping['quote'] = { type: 'TextQuoteSelector', exact };
    const maxContext = QUOTE_CONTEXT_LENGTH * 4;
    const prefix = str(target.quote!.prefix);
    const suffix = str(target.quote!.suffix);
    if (prefix !== undefined) quote.prefix = prefix.length > maxContext ? tailCodePoints(prefix, QUOTE_CONTEXT_LENGTH) : prefix;
    if (suffix !== undefined) quote.suffix = suffix.length > maxContext ? headCodePoints(suffix, QUOTE_CONTEXT_LENGTH) : suffix;

    let position: Clipping['position'];
    if (target.position) {
      const { start, end } = target.position;
      if (Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (end as number) > (start as number))
        position = { type: 'TextPositionSelector', start: start as number, end: end as number };
      else recProblems.push({ record, field: ['target', 'selector (TextPositionSelector)'], message: msg('problem.w3c.badPosition') });
    }

    const bodies = readBodies(a);
    const note = bodies.notes.join('\n\n');
    const tags: string[] = [];
    for (const raw of bodies.tags) {
      const cleaned = raw.replace(/\s*[\n\r\t,]+\s*/g, ' ').trim();
      const t = TagSchema.safeParse(cleaned);
      if (!t.success) {
        const issue = t.error.issues[0];
        recProblems.push({ record, field: ['tags'], message: msg('problem.tagLeftOut', { tag: shorten(raw, 40), issue: issue ? describeIssue(issue, cleaned) : msg('issue.invalid') }) });
        continue;
      }
      if (t.data !== raw) recProblems.push({ record, field: ['tags'], message: msg('problem.w3c.tagChanged', { from: shorten(raw, 40), to: t.data }) });
      if (!tags.includes(t.data)) tags.push(t.data);
    }
    if (tags.length > 100) {
      recProblems.push({ record, field: ['tags'], message: msg('problem.w3c.tooManyTags', { count: tags.length, max: 100 }) });
      tags.length = 100;
    }
    const entities: string[] = [];
    for (const e of bodies.entities) {
      if (SlugSchema.safeParse(e).success) {
        if (!entities.includes(e)) entities.push(e);
      } else recProblems.push({ record, field: ['body'], message: msg('problem.w3c.badEntity', { iri: shorten(entityIri(e), 60) }) });
    }

    const createdDate = parseTimestamp(a.created);
    const modifiedDate = parseTimestamp(a.modified) ?? parseTimestamp(a.updated);
    if (a.created !== undefined && !createdDate)
      recProblems.push({ record, field: ['created'], message: msg('problem.w3c.badCreated', { value: shorten(String(a.created), 40) }) });
    const created = (createdDate ?? now).toISOString();
    const updated = modifiedDate ? modifiedDate.toISOString() : created;

    const ownId = foreignId?.startsWith(UUID_IRI_PREFIX) ? foreignId.slice(UUID_IRI_PREFIX.length) : undefined;
    const candidate: Clipping = {
      id: ownId && ClippingSchema.shape.id.safeParse(ownId).success ? ownId : newId(),
      url,
      title: target.title ?? '',
      site: siteOf(url),
      text: target.text ?? exact,
      quote,
      ...(position ? { position } : {}),
      entities,
      note,
      tags,
      created,
      updated,
    };
    if (candidate.title.length > 2000) {
      candidate.title = candidate.title.slice(0, 2000);
      recProblems.push({ record, field: ['title'], message: msg('problem.titleShortened', { max: 2000 }) });
    }
    const checked = ClippingSchema.safeParse(candidate);
    if (!checked.success) {
      problems.push(...recProblems, ...zodProblems(record, checked.error, candidate).map((p) => ({ ...p, message: withOutcome('problem.annotationSkipped', p.message) })));
      skipped++;
      return;
    }
    problems.push(...recProblems);
    clippings.push(checked.data);
  });
  return { clippings, problems, skipped };
}
