/** Live data for the library page, read from Dexie directly (an extension page may). */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import type { Clipping } from '../../model/clipping';
import { db } from '../../storage/db';
import { loadEffectiveEntities, type EffectiveEntity } from '../../storage/knowledge';

export interface ClippingsState {
  list: Clipping[];
  /** False while only the newest page has been read (first paint). */
  complete: boolean;
}

const FIRST_PAGE = 60;

/** All clippings, live, while `enabled` (other sections do not pay for watching them). */
export function useClippings(enabled = true): ClippingsState | undefined {
  const [state, setState] = useState<ClippingsState>();
  useEffect(() => {
    if (!enabled) return;
    let full = false;
    void db()
      .clippings.orderBy('created')
      .reverse()
      .limit(FIRST_PAGE)
      .toArray()
      .then((list) => {
        if (!full) setState({ list, complete: list.length < FIRST_PAGE });
      });
    const sub = liveQuery(() => db().clippings.orderBy('created').reverse().toArray()).subscribe({
      next: (list) => {
        full = true;
        setState({ list, complete: true });
      },
      error: (e) => console.error('[CN AI Context] clippings', e),
    });
    return () => sub.unsubscribe();
  }, [enabled]);
  return state;
}

export function useEntities(): EffectiveEntity[] | undefined {
  const [list, setList] = useState<EffectiveEntity[]>();
  useEffect(() => {
    const sub = liveQuery(() => loadEffectiveEntities(db(), true)).subscribe({ next: setList, error: (e) => console.error(e) });
    return () => sub.unsubscribe();
  }, []);
  return list;
}
