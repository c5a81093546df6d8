import { describe, expect, it } from 'vitest';
import { policiesAllowWasm, policyHeaders, requestUrl } from '../../../model/csp';

describe('policiesAllowWasm', () => {
  it('allows WebAssembly without a policy, or with one that does not restrict scripts', () => {
    expect(policiesAllowWasm([])).toBe(true);
    expect(policiesAllowWasm(["img-src *; frame-ancestors 'self'"])).toBe(true);
    expect(policiesAllowWasm(['upgrade-insecure-requests'])).toBe(true);
  });

  it("needs 'wasm-unsafe-eval' or 'unsafe-eval' in script-src, or else default-src", () => {
    expect(policiesAllowWasm(["default-src 'none'"])).toBe(false);
    expect(policiesAllowWasm(["script-src 'self' https://cdn.example"])).toBe(false);
    expect(policiesAllowWasm(["script-src 'nonce-abc' 'strict-dynamic'; object-src 'none'"])).toBe(false);
    expect(policiesAllowWasm(["script-src 'self' 'wasm-unsafe-eval'"])).toBe(true);
    expect(policiesAllowWasm(["default-src 'self' 'unsafe-eval'"])).toBe(true);
    expect(policiesAllowWasm(["Script-Src 'SELF' 'WASM-UNSAFE-EVAL'"])).toBe(true);
    // script-src replaces default-src for scripts, in both directions.
    expect(policiesAllowWasm(["default-src 'none'; script-src 'self' 'unsafe-eval'"])).toBe(true);
    expect(policiesAllowWasm(["default-src 'unsafe-eval'; script-src 'self'"])).toBe(false);
    // The first of a repeated directive counts.
    expect(policiesAllowWasm(["script-src 'self'; script-src 'unsafe-eval'"])).toBe(false);
  });

  it('needs every policy to allow it: several headers, or several policies in one header', () => {
    expect(policiesAllowWasm(["script-src 'unsafe-eval'", "default-src 'none'"])).toBe(false);
    expect(policiesAllowWasm(["script-src 'unsafe-eval', default-src 'self'"])).toBe(false);
    expect(policiesAllowWasm(["script-src 'unsafe-eval', img-src *"])).toBe(true);
  });
});

describe('policyHeaders', () => {
  it('keeps enforced policies only', () => {
    const headers = [
      { name: 'Content-Type', value: 'text/html' },
      { name: 'Content-Security-Policy', value: "default-src 'none'" },
      { name: 'content-security-policy-report-only', value: "script-src 'none'" },
      { name: 'content-security-policy', value: 'img-src *' },
    ];
    expect(policyHeaders(headers)).toEqual(["default-src 'none'", 'img-src *']);
  });
});

describe('requestUrl', () => {
  it('drops the fragment, which a navigation request never carries', () => {
    expect(requestUrl('https://a.example/x?q=1#part')).toBe('https://a.example/x?q=1');
    expect(requestUrl('https://a.example/x')).toBe('https://a.example/x');
  });
});
