import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** Path segments after "#/", e.g. ["entity", "deepseek"]. */
  path: string[];
  /** The query part of the hash, e.g. "?entity=deepseek". */
  query: string;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).split('/').filter(Boolean).map(decodeURIComponent);
  return { path, query: q < 0 ? '' : raw.slice(q) };
}

export function navigate(path: string, replace = false): void {
  const hash = path.startsWith('#') ? path : `#${path}`;
  if (replace) history.replaceState(null, '', hash);
  else if (location.hash !== hash) location.hash = hash;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
