/**
 * What the popup needs only after its first paint: IndexedDB (Dexie), the knowledge
 * base and its search (the fold tables), and the background's messages (Zod). PopupApp
 * imports this module dynamically, so it is a chunk of its own that loads while the
 * entity list paints from extension storage.
 */
export { db } from '../../storage/db';
export { clippingsForPage } from '../../storage/clippings';
export { seenCounts } from '../../storage/history';
export { loadEffectiveEntities, loadEntitiesById } from '../../storage/knowledge';
export { entityCard } from '../../storage/cards';
export { buildSearchIndex, searchEntities } from '../../kb/search';
export { askBackground, askContent } from '../../messaging/client';
export { describeFailure } from '../clip/save-error';
