/**
 * A Zod schema built on first use.
 *
 * Zod builds schemas eagerly, and a content script evaluates its modules on every page
 * load: building every message, clipping, settings and knowledge-base schema at import
 * made the script's first task about 100 ms long on every page (measured in Chromium:
 * about 25 ms compiling the script, 70 ms running its top level, mostly Zod
 * constructors). A lazy schema is a stand-in that builds the real one the first time it
 * is touched, so a context pays only for the schemas it uses, when it uses them.
 *
 * The stand-in forwards every operation to the real schema (Zod's own methods are
 * closures over their instance, so they work through it unchanged).
 */
export function lazySchema<T extends object>(build: () => T): T {
  let real: T | undefined;
  const get = (): T => (real ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(get(), key),
    set: (_, key, value) => Reflect.set(get(), key, value),
    has: (_, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(get(), key);
      // The stand-in's own target is an empty extensible object: a proxy may not report
      // a property of it as non-configurable.
      if (d) d.configurable = true;
      return d;
    },
    defineProperty: (_, key, d) => Reflect.defineProperty(get(), key, d),
    deleteProperty: (_, key) => Reflect.deleteProperty(get(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
}
