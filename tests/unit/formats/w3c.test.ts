import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromW3C, toAnnotationCollection, toW3C } from '../../../formats/w3c';
import { formatProblems } from '../../../formats/problems';
import { clippingArb, ctx, expectGolden, NOW, SAMPLE_CLIPPINGS, sequentialIds } from './samples';

const w3cCtx = { ...ctx, now: NOW };
const opts = () => ({ newId: sequentialIds(), now: NOW });

describe('W3C Web Annotation export', () => {
  it('writes the golden file', () => {
    expectGolden('clippings.jsonld', toW3C(SAMPLE_CLIPPINGS, w3cCtx));
  });

  it('is an AnnotationCollection with an embedded first page', () => {
    const coll = toAnnotationCollection(SAMPLE_CLIPPINGS, w3cCtx) as any;
    expect(coll['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(coll.type).toBe('AnnotationCollection');
    expect(coll.total).toBe(4);
    expect(coll.first.type).toBe('AnnotationPage');
    const a = coll.first.items[0];
    expect(a).toEqual({
      id: 'urn:uuid:3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c',
      type: 'Annotation',
      motivation: 'highlighting',
      created: '2026-11-20T08:15:30.123Z',
      modified: '2026-11-21T10:00:00.000Z',
      body: [
        { type: 'TextualBody', purpose: 'commenting', value: 'Compare with Llama licence.', format: 'text/plain' },
        { type: 'TextualBody', purpose: 'tagging', value: 'open weights' },
        { type: 'TextualBody', purpose: 'tagging', value: 'licensing' },
        { type: 'SpecificResource', purpose: 'identifying', source: 'urn:cnai:entity:deepseek', value: 'DeepSeek' },
        { type: 'SpecificResource', purpose: 'identifying', source: 'urn:cnai:entity:deepseek-r1', value: 'DeepSeek-R1' },
      ],
      target: {
        type: 'SpecificResource',
        source: 'https://www.example.com/tech/deepseek-r1',
        'dc:title': 'DeepSeek-R1: "open" reasoning, #1 on the charts?',
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'DeepSeek released R1 under the MIT licence, with weights anyone can download.',
            prefix: 'In January, ',
            suffix: ' The move',
          },
          { type: 'TextPositionSelector', start: 120, end: 198 },
        ],
      },
    });
    // No note, no tags: no commenting or tagging body; unknown entity names fall back to the id.
    expect(coll.first.items[3].body.map((b: any) => b.purpose)).toEqual(['identifying', 'identifying']);
    expect(coll.first.items[1].body.at(-1)).toEqual({ type: 'SpecificResource', purpose: 'identifying', source: 'urn:cnai:entity:mystery-lab', value: 'mystery-lab' });
  });
});

describe('W3C Web Annotation import', () => {
  it('reads its own export back exactly', () => {
    const r = fromW3C(toW3C(SAMPLE_CLIPPINGS, w3cCtx), opts());
    expect(r.problems).toEqual([]);
    expect(r.clippings).toStrictEqual(SAMPLE_CLIPPINGS);
  });

  it('round-trips every field it carries (property)', () => {
    fc.assert(
      // At least one: a collection without annotations cannot be imported (below).
      fc.property(fc.array(clippingArb, { minLength: 1, maxLength: 5 }), (clippings) => {
        const r = fromW3C(toW3C(clippings, w3cCtx), opts());
        expect(r.problems).toEqual([]);
        expect(r.clippings).toStrictEqual(clippings);
      }),
      { numRuns: 200 },
    );
  });

  const hypothesisJsonLd = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    id: 'https://hypothes.is/a/AbCdEf123',
    created: '2025-02-14T20:24:04.612183+00:00',
    modified: '2025-02-15T08:00:00.000001+00:00',
    creator: 'acct:alice@hypothes.is',
    body: [
      { type: 'TextualBody', value: 'Nice **point**', format: 'text/markdown' },
      { type: 'TextualBody', purpose: 'tagging', value: 'ai' },
      { type: 'TextualBody', purpose: 'tagging', value: 'policy, china' },
    ],
    target: [
      {
        source: 'https://example.com/article?utm_medium=email',
        selector: [
          { type: 'RangeSelector', startContainer: '/div[1]/p[2]', startOffset: 0, endContainer: '/div[1]/p[2]', endOffset: 11 },
          { type: 'TextPositionSelector', start: 100, end: 111 },
          { type: 'TextQuoteSelector', exact: 'quoted text', prefix: 'before ', suffix: ' after' },
        ],
      },
    ],
  };

  it("reads Hypothesis's W3C export", () => {
    const r = fromW3C(JSON.stringify(hypothesisJsonLd), opts());
    expect(r.clippings).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000001',
        url: 'https://example.com/article',
        title: '',
        site: 'example.com',
        text: 'quoted text',
        quote: { type: 'TextQuoteSelector', exact: 'quoted text', prefix: 'before ', suffix: ' after' },
        position: { type: 'TextPositionSelector', start: 100, end: 111 },
        entities: [],
        note: 'Nice **point**',
        tags: ['ai', 'policy china'],
        created: '2025-02-14T20:24:04.612Z',
        updated: '2025-02-15T08:00:00.000Z',
      },
    ]);
    expect(formatProblems(r.problems)).toBe(
      'Annotation 1 (id https://hypothes.is/a/AbCdEf123), tags: the tag “policy, china” was changed to “policy china” (tags cannot hold commas, tabs or line breaks).',
    );
  });

  it('reads Hypothesis API objects (uri, text, tags, document.title) and search results', () => {
    const apiRow = {
      id: 'Xyz987',
      created: '2024-01-02T03:04:05.678+00:00',
      updated: '2024-01-02T03:04:05.678+00:00',
      user: 'acct:bob@hypothes.is',
      uri: 'https://news.example.cn/a.html',
      text: '我的笔记',
      tags: ['模型', '开源'],
      group: '__world__',
      target: [{ source: 'https://news.example.cn/a.html', selector: [{ type: 'TextQuoteSelector', exact: '开源了权重' }] }],
      document: { title: ['智谱发布 GLM'] },
      references: [],
    };
    const reply = { ...apiRow, id: 'Reply1', text: 'I agree', target: [{ source: 'https://news.example.cn/a.html' }], references: ['Xyz987'] };
    const pageNote = { ...apiRow, id: 'Note1', target: [{ source: 'https://news.example.cn/a.html' }] };
    // The client's own export holds the same API objects under `annotations`.
    const exported = fromW3C({ export_date: '2024-02-01T00:00:00.000Z', export_userid: 'acct:bob@hypothes.is', client_version: '1.1400.0', annotations: [apiRow] }, opts());
    expect(exported.clippings).toMatchObject([{ text: '开源了权重', note: '我的笔记' }]);
    const r = fromW3C({ total: 3, rows: [apiRow, reply, pageNote] }, opts());
    expect(r.clippings).toHaveLength(1);
    expect(r.clippings[0]).toMatchObject({ title: '智谱发布 GLM', text: '开源了权重', note: '我的笔记', tags: ['模型', '开源'], created: '2024-01-02T03:04:05.678Z' });
    expect(r.skipped).toBe(2);
    expect(formatProblems(r.problems).split('\n')).toEqual([
      'Annotation 2 (id Reply1): is a reply to another annotation, not a highlight; the annotation was skipped.',
      'Annotation 3 (id Note1), target › selector: has no quoted text (TextQuoteSelector); a page note without a highlight cannot become a clipping; the annotation was skipped.',
    ]);
  });

  it('accepts every container shape', () => {
    const a = hypothesisJsonLd;
    for (const input of [
      a,
      [a, a],
      { type: 'AnnotationPage', items: [a] },
      { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [a], next: { type: 'AnnotationPage', items: [a] } } },
    ]) {
      const r = fromW3C(JSON.stringify(input), opts());
      expect(r.clippings.length).toBeGreaterThan(0);
      for (const c of r.clippings) expect(c.text).toBe('quoted text');
    }
    const linked = fromW3C({ type: 'AnnotationCollection', first: 'https://example.com/page1' }, opts());
    expect(formatProblems(linked.problems)).toContain('is a link (https://example.com/page1) to the annotations');
    expect(linked.unreadable).toBe(true);
  });

  it('calls a file without annotations unreadable, saying why once', () => {
    const cases: [unknown, string][] = [
      ['{"not json', 'The file: is not valid JSON'],
      [42, 'The file: does not hold annotations'],
      [toAnnotationCollection([], w3cCtx), 'The file: holds no annotations (its list or collection is empty).'],
      [[], 'The file: holds no annotations'],
      [{ type: 'AnnotationPage', items: [] }, 'The file: holds no annotations'],
      [{ format: 'cnai-backup-2', clippings: [] }, 'The file: is neither a CNAI backup nor W3C Web Annotations'],
    ];
    for (const [input, message] of cases) {
      const r = fromW3C(input, opts());
      expect(r).toMatchObject({ clippings: [], skipped: 0, unreadable: true });
      expect(r.problems).toHaveLength(1);
      expect(formatProblems(r.problems)).toContain(message);
    }
    // A lone Hypothesis API object is an annotation.
    expect(fromW3C({ uri: 'https://example.com/', target: [{ selector: [{ type: 'TextQuoteSelector', exact: 'x' }] }] }, opts()).unreadable).toBeUndefined();
  });

  it('accepts bodies and selectors in their other forms', () => {
    const base = { type: 'Annotation', target: { source: 'https://example.com/p', selector: { type: 'TextQuoteSelector', exact: 'x' } } };
    const read = (extra: object) => {
      const r = fromW3C({ ...base, ...extra }, opts());
      expect(r.skipped).toBe(0);
      return r.clippings[0]!;
    };
    expect(read({}).note).toBe('');
    expect(read({ body: 'A plain string note' }).note).toBe('A plain string note');
    expect(read({ body: 'https://example.com/some-resource' }).note).toBe('');
    expect(read({ body: 'urn:cnai:entity:deepseek' }).entities).toEqual(['deepseek']);
    expect(read({ bodyValue: 'Body value' }).note).toBe('Body value');
    expect(read({ body: { type: 'TextualBody', value: '<p>Hi &amp; <b>bye</b></p>', format: 'text/html' } }).note).toBe('Hi & bye');
    expect(read({ motivation: 'tagging', body: { type: 'TextualBody', value: 'tagged' } }).tags).toEqual(['tagged']);
    expect(read({ body: { type: 'SpecificResource', purpose: 'identifying', source: 'http://www.wikidata.org/entity/Q1' } })).toMatchObject({ note: '', entities: [] });
    // A FragmentSelector refined by a quote; type names with a prefix.
    const refined = fromW3C(
      {
        type: 'oa:Annotation',
        target: [
          { source: 'https://example.com/other' },
          {
            source: { id: 'https://example.com/p', type: 'Text' },
            selector: [{ type: 'FragmentSelector', value: 'para5', refinedBy: { type: 'oa:TextQuoteSelector', exact: 'deep' } }],
          },
        ],
      },
      opts(),
    );
    expect(refined.clippings[0]).toMatchObject({ url: 'https://example.com/p', text: 'deep' });
  });

  it('explains what it cannot import', () => {
    const r = fromW3C(
      [
        { type: 'Annotation', target: { source: 'urn:x-pdf:6c4b9b1a', selector: [{ type: 'TextQuoteSelector', exact: 'in a PDF' }] } },
        { type: 'Annotation', target: 'https://example.com/whole-page' },
        { type: 'Annotation' },
        42,
        {
          type: 'Annotation',
          created: 'last week',
          target: { source: 'https://example.com/', selector: [{ type: 'TextQuoteSelector', exact: 'ok' }, { type: 'TextPositionSelector', start: 9, end: 3 }] },
        },
      ],
      opts(),
    );
    expect(r.clippings).toHaveLength(1);
    expect(r.clippings[0]).toMatchObject({ text: 'ok', created: NOW.toISOString() });
    expect(r.clippings[0]).not.toHaveProperty('position');
    expect(formatProblems(r.problems).split('\n')).toEqual([
      'Annotation 1, target › source: “urn:x-pdf:6c4b9b1a” is not a web page address (http:// or https://); annotations on PDFs or local files cannot become clippings; the annotation was skipped.',
      'Annotation 2, target › selector: has no quoted text (TextQuoteSelector); a page note without a highlight cannot become a clipping; the annotation was skipped.',
      'Annotation 3, target: names no web page (no “source”); the annotation was skipped.',
      'Annotation 4: is not a JSON object; the annotation was skipped.',
      'Annotation 5, target › selector (TextPositionSelector): has no valid start and end; the position was left out.',
      'Annotation 5, created: “last week” is not a date; the import time was used instead.',
    ]);
    expect(formatProblems(fromW3C('{oops', opts()).problems)).toMatch(/^The file: is not valid JSON/);
  });
});
