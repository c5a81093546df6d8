/**
 * The extension's own elements in the page (UI hosts), never scanned or observed. The
 * set lives on the isolated world's global: the scanning core and the in-page UI are
 * separate scripts (content/ui-bridge.ts), and the UI marks what the core must skip.
 */
const KEY = Symbol.for('cnai-context.own-elements');
const own: WeakSet<Element> = ((globalThis as { [KEY]?: WeakSet<Element> })[KEY] ??= new WeakSet());

export function markOwnElement(el: Element): void {
  own.add(el);
}

export function isOwnElement(el: Element): boolean {
  return own.has(el);
}
