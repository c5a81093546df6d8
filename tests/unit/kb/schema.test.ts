import { describe, expect, it } from 'vitest';
import { EntitySchema } from '../../../kb/schema';
import { checkIntegrity, formatProblem, parseEntities } from '../../../kb/validate';
import { smallEntities } from '../helpers';

const base = {
  id: 'example-ai',
  kind: 'company',
  name: { en: 'Example AI' },
  aliases: [{ text: 'Example AI', lang: 'en' }],
  summary: 'A fictional company used in tests.',
  facts: {},
  relations: [],
  sources: [{ title: 'Test source', publisher: 'Tests' }],
  updated: '2026-11-22',
};

describe('entity schema', () => {
  it('accepts a well-formed entity and fills defaults', () => {
    const e = EntitySchema.parse({ ...base, relations: undefined });
    expect(e.relations).toEqual([]);
  });

  it('names the entity and field of every problem', () => {
    const { entities, problems } = parseEntities([
      base,
      { ...base, id: 'bad', kind: 'gadget' },
      { ...base, id: 'no-source', sources: [] },
      { ...base, id: 'bad-link', sources: [{ title: 'x', publisher: 'y', url: 'javascript:alert(1)' }] },
      { ...base, id: 'Bad Id' },
      { ...base, id: 'policy-without-status', kind: 'policy', facts: {} },
    ]);
    expect(entities.map((e) => e.id)).toEqual(['example-ai']);
    const messages = problems.map(formatProblem);
    expect(messages).toContainEqual(expect.stringMatching(/^bad → kind: /));
    expect(messages).toContainEqual('no-source → sources: needs at least one source');
    expect(messages).toContainEqual('bad-link → sources.0.url: must be an http:// or https:// URL');
    expect(messages).toContainEqual(expect.stringMatching(/^Bad Id → id: must be a lowercase slug/));
    expect(messages).toContainEqual(expect.stringMatching(/^policy-without-status → facts\.status: /));
  });

  it('rejects unknown fields instead of silently dropping them', () => {
    const { problems } = parseEntities([{ ...base, colour: 'red' }]);
    expect(problems.map(formatProblem)).toContain('example-ai: has an unknown field: “colour”');
  });
});

describe('pack integrity', () => {
  const entities = smallEntities();

  it('accepts the unit-test pack', () => {
    expect(checkIntegrity(entities)).toEqual([]);
  });

  it('finds dangling relations and contexts', () => {
    const [first] = parseEntities([{ ...base, relations: [{ type: 'invests_in', target: 'nobody' }], aliases: [{ text: 'EX', lang: 'en', caseSensitive: true, context: ['ghost'] }] }]).entities;
    const problems = checkIntegrity([first!]).map(formatProblem);
    expect(problems).toContain('example-ai → relations.0.target: points to "nobody", which is not in the knowledge base');
    expect(problems).toContain('example-ai → aliases.0.context.0: names "ghost", which is not in the knowledge base');
  });

  it('refuses an alias claimed by two entities unless both claims are shared with a context', () => {
    const a = parseEntities([{ ...base, id: 'a-co', aliases: [{ text: 'Nova', lang: 'en' }] }]).entities[0]!;
    const b = parseEntities([{ ...base, id: 'b-co', aliases: [{ text: 'NOVA', lang: 'en' }] }]).entities[0]!;
    expect(checkIntegrity([a, b]).map(formatProblem)).toContainEqual(expect.stringMatching(/^a-co → aliases\.0: alias "nova" is also claimed by b-co/));
    const sa = parseEntities([{ ...base, id: 'a-co', aliases: [{ text: 'Nova', lang: 'en', shared: true, context: [] }] }]).entities[0]!;
    const sb = parseEntities([{ ...base, id: 'b-co', aliases: [{ text: 'Nova', lang: 'en', shared: true, context: [] }] }]).entities[0]!;
    expect(checkIntegrity([sa, sb])).toEqual([]);
  });

  it('refuses two entities meeting in a compiled spelling: a spacing, or a Taiwan word', () => {
    const a = parseEntities([{ ...base, id: 'a-co', aliases: [{ text: 'Nova 4.5', lang: 'en' }, { text: '人工智能法', lang: 'zh' }] }]).entities[0]!;
    const b = parseEntities([{ ...base, id: 'b-co', aliases: [{ text: 'Nova4.5', lang: 'en' }, { text: '人工智慧法', lang: 'zh-Hant' }] }]).entities[0]!;
    const problems = checkIntegrity([a, b]).map(formatProblem);
    expect(problems).toContainEqual(expect.stringMatching(/^a-co → aliases\.0: alias "nova ?4\.5" is also claimed by b-co/));
    expect(problems).toContainEqual(expect.stringMatching(/^a-co → aliases\.1: alias "人工智慧法" is also claimed by b-co/));
    // One problem per alias, though both of its spellings meet the other's.
    expect(problems.filter((p) => p.startsWith('a-co → aliases.0:'))).toHaveLength(1);
  });

  it('does not let a shared alias hide one of the same entity that is not shared', () => {
    const a = parseEntities([
      { ...base, id: 'a-co', aliases: [{ text: 'Nova 4.5', lang: 'en', shared: true, context: [] }, { text: 'Nova4.5', lang: 'en' }] },
    ]).entities[0]!;
    const b = parseEntities([{ ...base, id: 'b-co', aliases: [{ text: 'Nova4.5', lang: 'en', shared: true, context: [] }] }]).entities[0]!;
    expect(checkIntegrity([a, b]).map(formatProblem)).toEqual([expect.stringMatching(/^a-co → aliases\.1: alias "nova ?4\.5" is also claimed by b-co;/)]);
  });

  it('refuses two aliases of one entity that are the same name folded but disagree on their rules', () => {
    const e = (na2: string[]) =>
      parseEntities([
        {
          ...base,
          aliases: [
            { text: '中国电信', lang: 'zh-Hans', notFollowedBy: ['诈骗', '业'] },
            { text: '中國電信', lang: 'zh-Hant', notFollowedBy: na2 },
          ],
        },
      ]).entities[0]!;
    // The traditional spelling finds 中国电信诈骗 too, unless it has the same neighbour words (in either script).
    expect(checkIntegrity([e(['业'])]).map(formatProblem)).toEqual([
      'example-ai → aliases.1: "中國電信" finds what "中国电信" finds (the same name folded), but their context or neighbour words differ; give both the same',
    ]);
    expect(checkIntegrity([e(['業', '詐騙'])])).toEqual([]);
  });

  it('refuses a veto word that is an alias, in any spelling', () => {
    const e = (words: string[]) =>
      parseEntities([{ ...base, aliases: [{ text: 'Example AI', lang: 'en' }, { text: '示例', lang: 'zh-Hans', unlessPageSays: words }] }]).entities[0]!;
    expect(checkIntegrity([e(['示例研究院', '新竹'])])).toEqual([]);
    // "EXAMPLE-AI" folds to the alias "Example AI": it would be found as the name.
    expect(checkIntegrity([e(['EXAMPLE-AI'])]).map(formatProblem)).toEqual([
      'example-ai → aliases.1.unlessPageSays: "示例": the veto word "EXAMPLE-AI" is an alias of example-ai; it would be found as that name and veto nothing',
    ]);
  });

  it('accepts freeWithVersion only on a versioned alias with a context', () => {
    const e = parseEntities([
      { ...base, aliases: [{ text: 'Example AI', lang: 'en' }, { text: 'Exa', lang: 'en', caseSensitive: true, freeWithVersion: true }, { text: 'Exo', lang: 'en', caseSensitive: true, context: [], versioned: true, freeWithVersion: true }] },
    ]).entities[0]!;
    expect(checkIntegrity([e]).map(formatProblem)).toEqual(['example-ai → aliases.1.freeWithVersion: "Exa": freeWithVersion applies to a versioned alias with a context']);
  });

  it('refuses an exception word that holds none of the alias\'s neighbour words', () => {
    const e = parseEntities([
      {
        ...base,
        aliases: [
          { text: 'Example AI', lang: 'en', notPrecededBy: ['清'], exceptPrecededBy: ['澄清', '清华', '清'] },
          { text: '例子', lang: 'zh', notFollowedBy: ['生'], exceptFollowedBy: ['生命', '学生'] },
          { text: '样例', lang: 'zh', exceptFollowedBy: ['生命'] },
        ],
      },
    ]).entities[0]!;
    expect(checkIntegrity([e]).map(formatProblem)).toEqual([
      'example-ai → aliases.0.exceptPrecededBy: "Example AI": the exception "清华" must end with one of its notPrecededBy words and be longer',
      'example-ai → aliases.0.exceptPrecededBy: "Example AI": the exception "清" must end with one of its notPrecededBy words and be longer',
      'example-ai → aliases.1.exceptFollowedBy: "例子": the exception "学生" must start with one of its notFollowedBy words and be longer',
      'example-ai → aliases.2.exceptFollowedBy: "样例": the exception "生命" must start with one of its notFollowedBy words and be longer',
    ]);
  });

  it('guards short Latin and one-character Chinese aliases', () => {
    const e = parseEntities([{ ...base, aliases: [{ text: 'Ex', lang: 'en' }, { text: '星', lang: 'zh' }] }]).entities[0]!;
    const problems = checkIntegrity([e]).map(formatProblem);
    expect(problems).toContain('example-ai → aliases.0: short alias "Ex" must be caseSensitive or have a context requirement');
    expect(problems).toContain('example-ai → aliases.1: one-character Chinese alias "星" needs a context requirement');
  });
});
