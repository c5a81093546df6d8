/** The extension's own elements in the page (UI hosts), never scanned or observed. */
const own = new WeakSet<Element>();

export function markOwnElement(el: Element): void {
  own.add(el);
}

export function isOwnElement(el: Element): boolean {
  return own.has(el);
}
