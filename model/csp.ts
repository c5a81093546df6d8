/**
 * Whether a page's Content-Security-Policy lets scripts compile WebAssembly.
 *
 * Chromium checks a content script's WebAssembly compilation against the page's policy:
 * a refused compilation fires a `securitypolicyviolation` event on the page and sends a
 * report to the site's report-uri. So the content script compiles its WebAssembly scan
 * only when it knows every enforced policy allows it; otherwise it scans in JavaScript.
 */

/**
 * True when every policy allows WebAssembly: its script-src (or, without one, its
 * default-src) lists 'wasm-unsafe-eval' or 'unsafe-eval', or it has neither directive.
 * Each string is one header value or meta tag; a header value may hold several
 * comma-separated policies.
 */
export function policiesAllowWasm(values: readonly string[]): boolean {
  for (const value of values) {
    for (const policy of value.split(',')) {
      const directives = new Map<string, string[]>();
      for (const part of policy.split(';')) {
        const [name, ...sources] = part.trim().split(/\s+/);
        if (!name) continue;
        const key = name.toLowerCase();
        // The first occurrence of a directive wins (CSP3 §2.2.1).
        if (!directives.has(key)) directives.set(key, sources.map((s) => s.toLowerCase()));
      }
      const sources = directives.get('script-src') ?? directives.get('default-src');
      if (sources && !sources.includes("'wasm-unsafe-eval'") && !sources.includes("'unsafe-eval'")) return false;
    }
  }
  return true;
}

/** The enforced policies among response headers (report-only ones do not block). */
export function policyHeaders(headers: readonly { name: string; value?: string }[]): string[] {
  return headers.filter((h) => h.name.toLowerCase() === 'content-security-policy' && h.value !== undefined).map((h) => h.value!);
}

/** A document URL as a navigation request saw it (no fragment). */
export function requestUrl(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}
