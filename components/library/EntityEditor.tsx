/**
 * Editing one entity (or creating one): names, aliases with their ambiguity rules,
 * facts, relations and sources. Saving validates with the same Zod schema and
 * integrity checks as the built-in pack; edits go to the reader's own layer.
 */
import { useEffect, useState } from 'preact/hooks';
import { currentLanguage, t } from '../../i18n';
import {
  ALIAS_LANGS,
  ENTITY_KINDS,
  MODALITIES,
  ORG_TYPES,
  POLICY_STATUSES,
  POLICY_TYPES,
  RELATION_TYPES,
  type Entity,
  type EntityKind,
} from '../../kb/schema';
import { formatProblemIn } from '../../kb/validate';
import { db, type EntityPref, type UserEntity } from '../../storage/db';
import type { EffectiveEntity } from '../../storage/knowledge';
import { KnowledgeError, removeUserEntity, saveUserEntity, setAliasHidden, setHidden } from '../../storage/user-kb';
import { kindLabel, relationLabel } from '../relations';
import { navigate } from './useRoute';

type Draft = {
  id: string;
  kind: EntityKind;
  name: { en: string; zhHans: string; zhHant: string };
  aliases: { text: string; lang: (typeof ALIAS_LANGS)[number]; caseSensitive: boolean; versioned: boolean; shared: boolean; context: string; freeWithVersion?: boolean; notPrecededBy?: string[]; notFollowedBy?: string[]; exceptPrecededBy?: string[]; exceptFollowedBy?: string[]; unlessPageSays?: string[] }[];
  summary: string;
  facts: Record<string, string | boolean | string[]>;
  relations: { type: (typeof RELATION_TYPES)[number]; target: string; note?: string }[];
  sources: { title: string; publisher: string; date: string; url: string }[];
};

const today = () => new Date().toISOString().slice(0, 10);
const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');

function toDraft(e?: Entity): Draft {
  if (!e) {
    return { id: '', kind: 'model', name: { en: '', zhHans: '', zhHant: '' }, aliases: [], summary: '', facts: {}, relations: [], sources: [{ title: '', publisher: '', date: '', url: '' }] };
  }
  return {
    id: e.id,
    kind: e.kind,
    name: { en: e.name.en, zhHans: e.name.zhHans ?? '', zhHant: e.name.zhHant ?? '' },
    aliases: e.aliases.map((a) => ({
      text: a.text,
      lang: a.lang,
      caseSensitive: !!a.caseSensitive,
      versioned: !!a.versioned,
      shared: !!a.shared,
      context: a.context ? (a.context.length ? a.context.join(', ') : 'self') : '',
      // Kept as the pack has it (not edited here), like the neighbour words.
      freeWithVersion: a.freeWithVersion,
      notPrecededBy: a.notPrecededBy,
      notFollowedBy: a.notFollowedBy,
      exceptPrecededBy: a.exceptPrecededBy,
      exceptFollowedBy: a.exceptFollowedBy,
      unlessPageSays: a.unlessPageSays,
    })),
    summary: e.summary,
    facts: Object.fromEntries(Object.entries(e.facts).map(([k, v]) => [k, typeof v === 'number' ? String(v) : (v as string | boolean | string[])])),
    relations: e.relations.map((r) => ({ ...r })),
    sources: e.sources.map((s) => ({ title: s.title, publisher: s.publisher, date: s.date ?? '', url: s.url ?? '' })),
  };
}

/** The draft as schema input: empty optional fields left out. */
function fromDraft(d: Draft): unknown {
  const facts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d.facts)) {
    if (v === '' || v === undefined || (Array.isArray(v) && !v.length)) continue;
    facts[k] = v;
  }
  return {
    id: d.id.trim(),
    kind: d.kind,
    name: { en: d.name.en.trim(), ...(d.name.zhHans.trim() ? { zhHans: d.name.zhHans.trim() } : {}), ...(d.name.zhHant.trim() ? { zhHant: d.name.zhHant.trim() } : {}) },
    aliases: d.aliases
      .filter((a) => a.text.trim())
      .map((a) => ({
        text: a.text.trim(),
        lang: a.lang,
        ...(a.caseSensitive ? { caseSensitive: true } : {}),
        ...(a.versioned ? { versioned: true } : {}),
        ...(a.shared ? { shared: true } : {}),
        ...(a.context.trim()
          ? {
              context: a.context
                .split(/[,\s]+/)
                .map((x) => x.trim())
                .filter((x) => x && x !== 'self'),
            }
          : {}),
        // Only where it still applies: the reader may have removed the context or the version.
        ...(a.freeWithVersion && a.context.trim() && (a.versioned || d.kind === 'model') ? { freeWithVersion: true } : {}),
        ...(a.notPrecededBy ? { notPrecededBy: a.notPrecededBy } : {}),
        ...(a.notFollowedBy ? { notFollowedBy: a.notFollowedBy } : {}),
        ...(a.exceptPrecededBy ? { exceptPrecededBy: a.exceptPrecededBy } : {}),
        ...(a.exceptFollowedBy ? { exceptFollowedBy: a.exceptFollowedBy } : {}),
        ...(a.unlessPageSays ? { unlessPageSays: a.unlessPageSays } : {}),
      })),
    summary: d.summary.trim(),
    facts,
    relations: d.relations.filter((r) => r.target.trim()).map((r) => ({ ...r, target: r.target.trim() })),
    sources: d.sources
      .filter((s) => s.title.trim() || s.publisher.trim() || s.url.trim())
      .map((s) => ({ title: s.title.trim(), publisher: s.publisher.trim(), ...(s.date.trim() ? { date: s.date.trim() } : {}), ...(s.url.trim() ? { url: s.url.trim() } : {}) })),
    updated: today(),
  };
}

/** A status carried across the re-mount after a new entity's first save. */
let flash = '';

export function EntityEditor({ id, entities }: { id?: string; entities: EffectiveEntity[] | undefined }) {
  const existing = id ? entities?.find((e) => e.entity.id === id) : undefined;
  const [draft, setDraft] = useState<Draft>(() => toDraft(existing?.entity));
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState(() => {
    const f = flash;
    flash = '';
    return f;
  });
  const [user, setUser] = useState<UserEntity>();
  const [builtinUpdated, setBuiltinUpdated] = useState<string>();
  const [pref, setPref] = useState<EntityPref>();
  const [autoId, setAutoId] = useState(!id);
  // The live list gives new objects whenever any entity or choice changes (hiding an alias or
  // the entity, a mute from a page): only a change of this entity's content replaces the
  // draft, so what the reader typed and has not saved yet stays.
  const contentKey = existing ? JSON.stringify(existing.entity) : undefined;
  useEffect(() => {
    if (existing) setDraft(toDraft(existing.entity));
  }, [contentKey]);
  useEffect(() => {
    if (!id) return;
    void Promise.all([db().userEntities.get(id), db().builtin.get(id), db().entityPrefs.get(id)]).then(([u, b, p]) => {
      setUser(u);
      setBuiltinUpdated(b?.updated);
      setPref(p);
    });
    // Again whenever the live list changes (it follows the reader's layer and choices): a
    // status that did not change (' ' after a second hide) did not read them again.
  }, [id, entities]);
  if (id && entities && !existing) return <p role="alert">{t('lib.entityNotFound', { id })}</p>;
  if (id && !existing) return <p class="muted">{t('loading')}</p>;

  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setStatus('');
  };
  const setFact = (k: string, v: string | boolean | string[]) => set({ facts: { ...draft.facts, [k]: v } });
  const hiddenAliases = new Set(pref?.hiddenAliases ?? []);

  const save = async () => {
    setProblems([]);
    try {
      await saveUserEntity(fromDraft(draft));
      setStatus(t('kb.saved'));
      if (!id) {
        flash = t('kb.saved');
        navigate(`/kb/edit/${encodeURIComponent(draft.id.trim())}`, true);
      }
    } catch (e) {
      setProblems(e instanceof KnowledgeError ? e.problems.map((p) => formatProblemIn(p, currentLanguage())) : [e instanceof Error ? e.message : String(e)]);
    }
  };

  const fact = (key: string, label: string, type: 'text' | 'date' = 'text') => (
    <label class="field" key={key}>
      <span>{label}</span>
      <input type="text" inputMode={type === 'date' ? 'numeric' : undefined} value={(draft.facts[key] as string) ?? ''} onInput={(e) => setFact(key, (e.target as HTMLInputElement).value)} />
    </label>
  );
  const select = (key: string, label: string, values: readonly string[], allowEmpty = true) => (
    <label class="field" key={key}>
      <span>{label}</span>
      <select value={(draft.facts[key] as string) ?? ''} onChange={(e) => setFact(key, (e.target as HTMLSelectElement).value)}>
        {allowEmpty && <option value="">—</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {v.replace(/-/g, ' ')}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form
      class="entity-editor"
      aria-labelledby="editor-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="editor-title">{id ? t('kb.editTitle', { name: existing!.entity.name.en }) : t('kb.newTitle')}</h2>
      {user?.origin === 'edited' && user.baseUpdated && builtinUpdated && builtinUpdated > user.baseUpdated && (
        <p class="notice">{t('kb.baseChanged', { date: builtinUpdated })}</p>
      )}
      <fieldset>
        <div class="grid2">
          <label class="field">
            <span>{t('kb.nameEn')}</span>
            <input
              type="text"
              required
              value={draft.name.en}
              onInput={(e) => {
                const en = (e.target as HTMLInputElement).value;
                set({ name: { ...draft.name, en }, ...(autoId ? { id: slugify(en) } : {}) });
              }}
            />
          </label>
          <label class="field">
            <span>{t('kb.id')}</span>
            <input
              type="text"
              required
              readOnly={!!id}
              value={draft.id}
              onInput={(e) => {
                setAutoId(false);
                set({ id: (e.target as HTMLInputElement).value });
              }}
            />
          </label>
          <label class="field">
            <span>{t('kb.nameHans')}</span>
            <input type="text" lang="zh-Hans" value={draft.name.zhHans} onInput={(e) => set({ name: { ...draft.name, zhHans: (e.target as HTMLInputElement).value } })} />
          </label>
          <label class="field">
            <span>{t('kb.nameHant')}</span>
            <input type="text" lang="zh-Hant" value={draft.name.zhHant} onInput={(e) => set({ name: { ...draft.name, zhHant: (e.target as HTMLInputElement).value } })} />
          </label>
          <label class="field">
            <span>{t('kb.kind')}</span>
            <select value={draft.kind} disabled={!!id} onChange={(e) => set({ kind: (e.target as HTMLSelectElement).value as EntityKind, facts: {} })}>
              {ENTITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label class="field">
          <span>{t('kb.summary')}</span>
          <textarea rows={3} required value={draft.summary} onInput={(e) => set({ summary: (e.target as HTMLTextAreaElement).value })} />
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('kb.aliases')}</legend>
        <table class="alias-table">
          <thead>
            <tr>
              <th>{t('kb.aliasText')}</th>
              <th>{t('kb.aliasLang')}</th>
              <th>{t('kb.caseSensitive')}</th>
              <th>{t('kb.versioned')}</th>
              <th>{t('kb.shared')}</th>
              <th>{t('kb.context')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.aliases.map((a, i) => {
              const upd = (patch: Partial<Draft['aliases'][number]>) => set({ aliases: draft.aliases.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              const hidden = hiddenAliases.has(a.text);
              return (
                <tr key={i} class={hidden ? 'is-hidden' : undefined}>
                  <td>
                    <input type="text" aria-label={`${t('kb.aliasText')} ${i + 1}`} value={a.text} onInput={(e) => upd({ text: (e.target as HTMLInputElement).value })} />
                    {hidden && <span class="muted small"> ({t('kb.aliasHidden')})</span>}
                  </td>
                  <td>
                    <select aria-label={`${t('kb.aliasLang')} ${i + 1}`} value={a.lang} onChange={(e) => upd({ lang: (e.target as HTMLSelectElement).value as Draft['aliases'][number]['lang'] })}>
                      {ALIAS_LANGS.map((l) => (
                        <option key={l} value={l}>
                          {l}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`${t('kb.caseSensitive')} ${i + 1}`} checked={a.caseSensitive} onChange={(e) => upd({ caseSensitive: (e.target as HTMLInputElement).checked })} />
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`${t('kb.versioned')} ${i + 1}`} checked={a.versioned} onChange={(e) => upd({ versioned: (e.target as HTMLInputElement).checked })} />
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`${t('kb.shared')} ${i + 1}`} checked={a.shared} onChange={(e) => upd({ shared: (e.target as HTMLInputElement).checked })} />
                  </td>
                  <td>
                    <input type="text" aria-label={`${t('kb.context')} ${i + 1}`} list="entity-ids" placeholder="self, baidu…" value={a.context} onInput={(e) => upd({ context: (e.target as HTMLInputElement).value })} />
                  </td>
                  <td class="nowrap">
                    {id && existing?.entity.aliases.some((x) => x.text === a.text) && (
                      <button type="button" class="link-button" aria-label={`${hidden ? t('kb.unhideAlias') : t('kb.hideAlias')} ${a.text}`} onClick={() => void setAliasHidden(id, a.text, !hidden).then(() => setStatus(' '))}>
                        {hidden ? t('kb.unhideAlias') : t('kb.hideAlias')}
                      </button>
                    )}{' '}
                    <button type="button" class="link-button" aria-label={`${t('kb.remove')} ${a.text}`} onClick={() => set({ aliases: draft.aliases.filter((_, j) => j !== i) })}>
                      {t('kb.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" class="secondary" onClick={() => set({ aliases: [...draft.aliases, { text: '', lang: 'en', caseSensitive: false, versioned: false, shared: false, context: '' }] })}>
          {t('kb.addAlias')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('kb.facts')}</legend>
        <div class="grid2">
          {draft.kind === 'model' && (
            <>
              {fact('released', t('fact.released'), 'date')}
              {fact('family', t('fact.family'))}
              {fact('parameters', t('fact.parameters'))}
              <label class="field">
                <span>{t('fact.openWeights')}</span>
                <select
                  value={draft.facts.openWeights === undefined || draft.facts.openWeights === '' ? '' : String(draft.facts.openWeights)}
                  onChange={(e) => {
                    const v = (e.target as HTMLSelectElement).value;
                    setFact('openWeights', v === '' ? '' : v === 'true');
                  }}
                >
                  <option value="">—</option>
                  <option value="true">{t('yes')}</option>
                  <option value="false">{t('no')}</option>
                </select>
              </label>
              <fieldset class="field">
                <legend>{t('fact.modality')}</legend>
                <div class="checks">
                  {MODALITIES.map((m) => {
                    const list = (draft.facts.modality as string[] | undefined) ?? [];
                    return (
                      <label key={m} class="check">
                        <input type="checkbox" checked={list.includes(m)} onChange={(e) => setFact('modality', (e.target as HTMLInputElement).checked ? [...list, m] : list.filter((x) => x !== m))} />
                        {m}
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            </>
          )}
          {draft.kind === 'company' && (
            <>
              {fact('headquarters', t('fact.headquarters'))}
              {fact('founded', t('fact.founded'), 'date')}
            </>
          )}
          {draft.kind === 'organization' && (
            <>
              {select('orgType', t('fact.type'), ORG_TYPES, false)}
              {fact('headquarters', t('fact.headquarters'))}
              {fact('founded', t('fact.founded'), 'date')}
            </>
          )}
          {draft.kind === 'policy' && (
            <>
              {select('status', t('fact.status'), POLICY_STATUSES, false)}
              {select('policyType', t('fact.type'), POLICY_TYPES)}
              {fact('published', t('fact.published'), 'date')}
              {fact('effective', t('fact.effective'), 'date')}
              {fact('titleZh', t('fact.titleZh'))}
            </>
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('kb.relations')}</legend>
        {draft.relations.map((r, i) => (
          <div class="inline-row" key={i}>
            <select aria-label={`${t('kb.relationType')} ${i + 1}`} value={r.type} onChange={(e) => set({ relations: draft.relations.map((x, j) => (j === i ? { ...x, type: (e.target as HTMLSelectElement).value as typeof r.type } : x)) })}>
              {RELATION_TYPES.map((rt) => (
                <option key={rt} value={rt}>
                  {relationLabel(rt, 'out')}
                </option>
              ))}
            </select>
            <input type="text" list="entity-ids" aria-label={`${t('kb.relationTarget')} ${i + 1}`} value={r.target} onInput={(e) => set({ relations: draft.relations.map((x, j) => (j === i ? { ...x, target: (e.target as HTMLInputElement).value } : x)) })} />
            <button type="button" class="link-button" onClick={() => set({ relations: draft.relations.filter((_, j) => j !== i) })}>
              {t('kb.remove')}
            </button>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => set({ relations: [...draft.relations, { type: 'developed_by', target: '' }] })}>
          {t('kb.addRelation')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('kb.sources')}</legend>
        {draft.sources.map((s, i) => {
          const upd = (patch: Partial<Draft['sources'][number]>) => set({ sources: draft.sources.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <div class="source-row grid2" key={i}>
              <label class="field">
                <span>{t('kb.sourceTitle')}</span>
                <input type="text" value={s.title} onInput={(e) => upd({ title: (e.target as HTMLInputElement).value })} />
              </label>
              <label class="field">
                <span>{t('kb.sourcePublisher')}</span>
                <input type="text" value={s.publisher} onInput={(e) => upd({ publisher: (e.target as HTMLInputElement).value })} />
              </label>
              <label class="field">
                <span>{t('kb.sourceDate')}</span>
                <input type="text" value={s.date} onInput={(e) => upd({ date: (e.target as HTMLInputElement).value })} />
              </label>
              <label class="field">
                <span>{t('kb.sourceUrl')}</span>
                <input type="url" value={s.url} onInput={(e) => upd({ url: (e.target as HTMLInputElement).value })} />
              </label>
              <button type="button" class="link-button" onClick={() => set({ sources: draft.sources.filter((_, j) => j !== i) })}>
                {t('kb.remove')}
              </button>
            </div>
          );
        })}
        <button type="button" class="secondary" onClick={() => set({ sources: [...draft.sources, { title: '', publisher: '', date: '', url: '' }] })}>
          {t('kb.addSource')}
        </button>
      </fieldset>

      <datalist id="entity-ids">
        {(entities ?? []).map((e) => (
          <option key={e.entity.id} value={e.entity.id}>
            {e.entity.name.en}
          </option>
        ))}
      </datalist>

      {problems.length > 0 && (
        <div class="report error" role="alert">
          <p>{t('kb.problems')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="row-actions sticky-actions">
        <button type="submit" class="primary">
          {t('kb.save')}
        </button>
        <a class="button secondary" href={id ? `#/entity/${encodeURIComponent(id)}` : '#/kb'}>
          {t('kb.cancel')}
        </a>
        {id && user?.origin === 'edited' && (
          <button type="button" class="secondary" onClick={() => void removeUserEntity(id).then(() => setStatus(t('kb.saved')))}>
            {t('kb.reset')}
          </button>
        )}
        {id && user?.origin === 'added' && (
          <button type="button" class="danger" onClick={() => void removeUserEntity(id).then(() => navigate('/kb'))}>
            {t('kb.deleteOwn')}
          </button>
        )}
        {id && (
          <button type="button" class="secondary" onClick={() => void setHidden(id, !pref?.hidden).then(() => setStatus(' '))}>
            {t(pref?.hidden ? 'kb.unhide' : 'kb.hide')}
          </button>
        )}
        <span class="muted" role="status" aria-live="polite">
          {status.trim()}
        </span>
      </div>
    </form>
  );
}
