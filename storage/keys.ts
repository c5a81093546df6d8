/** Keys in browser.storage (extension storage, not IndexedDB). */

/** The compiled matcher, written by the background, read by content scripts. */
export const MATCHER_STORAGE_KEY = 'matcher';
/** Kind and names of every highlightable entity (storage.local): the popup's first paint needs no IndexedDB. */
export const ENTITY_LABELS_KEY = 'entityLabels';
/** Per-tab reports of the frames' mention counts (storage.session, survives the worker sleeping). */
export const TAB_REPORTS_KEY = 'tabReports';
/** The background's start-up status (storage.session): { ok, entities?, error? }. */
export const STATUS_KEY = 'status';
/** Reader settings (storage.local), validated by model/settings.ts. */
export const SETTINGS_KEY = 'settings';
