/**
 * Benchmark dictionaries: the real knowledge base, and synthetic ones of a fixed
 * number of aliases (real aliases first — a seeded sample when the real base is larger —
 * padded with plausible made-up names in Latin and Chinese script).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { foldText } from '../engine/chars';
import { compileMatcher, type CompilableEntity, type MatcherData } from '../engine/compile';
import type { EntityKind } from '../kb/schema';
import { Rng } from './rng';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface RealKb {
  entities: CompilableEntity[];
  aliases: number;
  /** Problems reported by the pack loader (the pack may be mid-edit). */
  problems: string[];
  /** True when the pack was not valid and only the entities that parse are used. */
  fallback: boolean;
}

/**
 * The built-in pack through kb/builtin.ts. If it is invalid (colleagues editing it),
 * the entities that parse are used; if a file is not even JSON, it is skipped.
 */
export async function loadRealKb(): Promise<RealKb> {
  try {
    const { loadBuiltinPack } = await import('../kb/builtin');
    const { formatProblem } = await import('../kb/validate');
    const { entities, problems } = loadBuiltinPack();
    return finish(entities, problems.map(formatProblem));
  } catch (err) {
    // A pack file that is not valid JSON makes the import itself fail: parse file by file.
    const { parseEntities, checkIntegrity, formatProblem } = await import('../kb/validate');
    const problems = [`kb/builtin.ts could not be loaded: ${(err as Error).message.split('\n')[0]}`];
    const entities = [];
    for (const name of ['models', 'companies', 'organizations', 'policies']) {
      try {
        const raw = JSON.parse(readFileSync(path.join(ROOT, 'kb/pack', `${name}.json`), 'utf8')) as { entities?: unknown[] };
        const parsed = parseEntities(raw.entities ?? [], `${name}.json: `);
        entities.push(...parsed.entities);
        problems.push(...parsed.problems.map(formatProblem));
      } catch (e) {
        problems.push(`${name}.json skipped: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    problems.push(...checkIntegrity(entities).map(formatProblem));
    return finish(entities, problems, true);
  }
}

function finish(entities: readonly CompilableEntity[], problems: string[], forced = false): RealKb {
  // Relations as background/matcher.ts publishes them (what a mention vouches for as context).
  const list = entities.map((e) => ({ id: e.id, kind: e.kind, aliases: e.aliases.map((a) => ({ ...a })), ...(e.relations ? { relations: e.relations.map((r) => ({ type: r.type, target: r.target })) } : {}) }));
  return { entities: list, aliases: aliasCount(list), problems, fallback: forced || problems.length > 0 };
}

const aliasCount = (entities: readonly CompilableEntity[]) => entities.reduce((n, e) => n + e.aliases.length, 0);

export interface Dictionary {
  /** "real" or the alias count as a string. */
  name: string;
  aliases: number;
  realAliases: number;
  syntheticAliases: number;
  entities: CompilableEntity[];
  /** Alias texts for the regex and mark.js: unique case-insensitively, longest first. */
  terms: string[];
  data: MatcherData;
  compileMs: number;
  groups: number;
}

export function makeDictionary(real: RealKb, size: number | 'real'): Dictionary {
  let entities: CompilableEntity[];
  if (size === 'real') entities = real.entities;
  else if (size <= real.aliases) entities = sampleReal(real.entities, size);
  else entities = [...real.entities, ...synthesize(real.entities, size - real.aliases)];
  const realIds = new Set(real.entities.map((e) => e.id));
  const realAliases = aliasCount(entities.filter((e) => realIds.has(e.id)));
  const t = performance.now();
  const { data, stats } = compileMatcher(entities);
  const compileMs = performance.now() - t;
  const total = aliasCount(entities);
  return {
    name: size === 'real' ? 'real' : String(size),
    aliases: total,
    realAliases,
    syntheticAliases: total - realAliases,
    entities,
    terms: termList(entities),
    data,
    compileMs,
    groups: stats.groups,
  };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The naive combined alternation: every term escaped, longest first (terms are sorted that way). */
export function regexSource(terms: readonly string[]): string {
  return terms.map(escapeRegex).join('|');
}

let uniqueRuns = 0;

/**
 * The same alternation plus one alternative that can never match (U+FFFF never occurs in
 * page text) and differs per call: V8 caches compiled RegExps by source within a renderer
 * process, which would spare every run after the first the compilation a freshly visited
 * page pays (at 20,000 aliases most of the cost).
 */
export function uncachedRegexSource(terms: readonly string[]): string {
  return `${regexSource(terms)}|\\uFFFF{${++uniqueRuns}}`;
}

export function termList(entities: readonly CompilableEntity[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of entities) {
    for (const a of e.aliases) {
      const key = a.text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(a.text);
    }
  }
  return out.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The aliases the generated article is written with: those of the 1,000-alias dictionary,
 * which every other dictionary contains too. All sizes then find the same ~20,000 mentions
 * there, so the page measures what the dictionary's size costs, not what more mentions cost
 * (with all real aliases sprinkled, the 1,000 sample found 11,142 mentions and the others
 * 20,542).
 */
export const ARTICLE_ALIASES = 1000;

export function articleEntities(real: RealKb): CompilableEntity[] {
  return real.aliases <= ARTICLE_ALIASES ? real.entities : sampleReal(real.entities, ARTICLE_ALIASES);
}

/** A seeded sample of whole real entities, the last one trimmed, totalling exactly `size` aliases. */
function sampleReal(entities: readonly CompilableEntity[], size: number): CompilableEntity[] {
  const order = new Rng(1000 + size).shuffle([...entities]);
  const out: CompilableEntity[] = [];
  let n = 0;
  for (const e of order) {
    if (n >= size) break;
    const take = Math.min(e.aliases.length, size - n);
    out.push(take === e.aliases.length ? e : { ...e, aliases: e.aliases.slice(0, take) });
    n += take;
  }
  // Keep pack order (it decides shared aliases), only the selection is random.
  const rank = new Map(entities.map((e, i) => [e.id, i]));
  return out.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}

// ---- synthetic names ------------------------------------------------------

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'w', 'x', 'y', 'z', 'br', 'ch', 'cr', 'dr', 'fl', 'gr', 'kr', 'pl', 'pr', 'qu', 'sh', 'st', 'tr', 'zh'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ao', 'ei', 'ia', 'io', 'ou', 'ua', 'y'];
const CODAS = ['', '', '', '', 'n', 'r', 'x', 's', 'l', 'm', 'ng', 'nt', 'rk'];
const HEADS = ['Deep', 'Mind', 'Brain', 'Cloud', 'Star', 'Sky', 'Vision', 'Wave', 'Core', 'Nova', 'Sense', 'Quant', 'Neuro', 'Hyper', 'Omni', 'Tera', 'Giga', 'Info', 'Data', 'Robo', 'Auto', 'Intelli', 'Cogni', 'Syn', 'Luma', 'Aero', 'Sino', 'Hua', 'Tian', 'Yun', 'Long', 'Xing', 'Jing', 'Zhi', 'Bai', 'Hai', 'Pan', 'Zen'];
const TAILS = ['Seek', 'Mind', 'Gen', 'Vox', 'Loom', 'Tech', 'Logic', 'Flow', 'Works', 'Net', 'Link', 'Path', 'Verse', 'Scope', 'Matrix', 'Forge', 'Bit', 'Tron', 'Ion', 'Star', 'Wing', 'Ray', 'Sage', 'Wise', 'Pulse'];
const CO_SUFFIX = ['', '', ' AI', ' Labs', ' Technology', ' Intelligence', ' Robotics', ' Tech', ' Cloud', ' Semiconductor', ' Data'];
const CITIES_LATIN = ['Beijing', 'Shanghai', 'Shenzhen', 'Hangzhou', 'Nanjing', 'Chengdu', 'Wuhan', 'Hefei', 'Suzhou', 'Xiamen'];
const VERSIONS = ['2', '3', '4', '1.5', '2.5', '3.5', 'V2', 'V3', 'R1', 'K2', '4o', 'Max', 'Pro', 'Turbo', 'Lite', 'Plus', '72B', '7B', 'Chat', 'Coder', 'VL', 'Audio'];
const HAN_POOL = [...new Set('星云天智灵深海光极源启明华锐腾飞鹏百川盘古元象悟道九章文心言通义千问混沌书浦紫东太初曙商量汤讯月零万物阶跃壁澜舟孟昆仑宇宙火山引擎磐石青鸾凤龙麒麟神州夏长江黄河泰衡嵩峨眉翼翔瑞祥和恒信诚达远航博睿思维感知未来蓝鲸银北斗')];
const HAN_CO = ['科技', '智能', '信息技术', '网络', '数据', '机器人', '人工智能', '智算', '云计算', '半导体', '微电子', '软件'];
const HAN_MODEL = ['大模型', '-2', '2.0', '3.5', '-V2', '-Pro', '模型', '多模态大模型', 'Max'];
const HAN_ORG = ['人工智能研究院', '智能研究院', '实验室', '重点实验室', '创新中心', '产业联盟', '研究所'];
const HAN_CITIES = ['北京', '上海', '深圳', '杭州', '南京', '成都', '武汉', '西安', '合肥', '广州', '苏州', '天津', '重庆', '长沙', '厦门', '青岛'];

function latinName(rng: Rng): string {
  if (rng.chance(0.4)) return rng.pick(HEADS) + rng.pick(TAILS);
  let s = '';
  const syllables = rng.int(2, 3);
  for (let i = 0; i < syllables; i++) s += rng.pick(ONSETS) + rng.pick(VOWELS) + (i === syllables - 1 ? rng.pick(CODAS) : '');
  return s[0]!.toUpperCase() + s.slice(1);
}

function hanName(rng: Rng): string {
  let s = rng.pick(HAN_POOL) + rng.pick(HAN_POOL);
  if (rng.chance(0.2)) s += rng.pick(HAN_POOL);
  return s;
}

/** Made-up entities adding exactly `count` aliases, none colliding with the real ones or each other. */
export function synthesize(real: readonly CompilableEntity[], count: number, seed = 20_000): CompilableEntity[] {
  const rng = new Rng(seed);
  const taken = new Set<string>();
  for (const e of real) for (const a of e.aliases) taken.add(foldText(a.text));
  const out: CompilableEntity[] = [];
  let n = 0;
  const fresh = (make: () => string, minLength: number): string => {
    for (let attempt = 0; ; attempt++) {
      let text = make();
      // Rarely every variant is taken: lengthen the name.
      if (attempt > 30) text += /\p{Script=Han}/u.test(text) ? rng.pick(HAN_POOL) : rng.pick(VOWELS) + rng.pick(CODAS);
      const f = foldText(text);
      if (f.length < minLength || taken.has(f)) continue;
      taken.add(f);
      return text;
    }
  };
  while (n < count) {
    const r = rng.next();
    const kind: EntityKind = r < 0.5 ? 'model' : r < 0.8 ? 'company' : 'organization';
    const aliases: { text: string; versioned?: boolean }[] = [];
    if (kind === 'model') {
      const family = fresh(() => latinName(rng), 4);
      aliases.push(rng.chance(0.25) ? { text: family, versioned: true } : { text: family });
      if (rng.chance(0.6)) {
        const sep = rng.pick(['-', ' ', '']);
        aliases.push({ text: fresh(() => `${family}${sep}${rng.pick(VERSIONS)}${rng.chance(0.3) ? `-${rng.pick(VERSIONS)}` : ''}`, 4) });
      }
      if (rng.chance(0.6)) aliases.push({ text: fresh(() => hanName(rng) + rng.pick(HAN_MODEL), 2) });
    } else if (kind === 'company') {
      const base = latinName(rng);
      aliases.push({ text: fresh(() => (rng.chance(0.1) ? `${rng.pick(CITIES_LATIN)} ` : '') + base + rng.pick(CO_SUFFIX), 4) });
      // Chinese company names with their trade suffix (a bare two-character name is too often an ordinary word).
      const han = hanName(rng);
      aliases.push({ text: fresh(() => `${han}${rng.pick(HAN_CO)}`, 4) });
      if (rng.chance(0.5)) aliases.push({ text: fresh(() => `${rng.pick(HAN_CITIES)}${han}${rng.pick(HAN_CO)}${rng.chance(0.3) ? '有限公司' : ''}`, 6) });
    } else {
      aliases.push({ text: fresh(() => `${rng.chance(0.5) ? rng.pick(HAN_CITIES) : ''}${hanName(rng)}${rng.pick(HAN_ORG)}`, 4) });
      if (rng.chance(0.6)) aliases.push({ text: fresh(() => `${rng.pick(CITIES_LATIN)} ${latinName(rng)} ${rng.pick(['Institute', 'Lab', 'Academy', 'AI Institute', 'Research Center'])}`, 6) });
    }
    const take = aliases.slice(0, count - n);
    out.push({ id: `synthetic-${out.length + 1}`, kind, aliases: take });
    n += take.length;
  }
  return out;
}
