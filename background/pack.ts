/** The built-in pack's JSON files, fetched from the extension package when seeding is due. */
import type { WxtBrowser } from 'wxt/browser';
import companies from '../kb/pack/companies.json?url';
import models from '../kb/pack/models.json?url';
import organizations from '../kb/pack/organizations.json?url';
import policies from '../kb/pack/policies.json?url';
import { entitiesOrThrow, validatePackFiles } from '../kb/pack-loader';
import type { Entity } from '../kb/schema';

const URLS = { models, companies, organizations, policies };

export async function fetchBuiltinEntities(browser: WxtBrowser): Promise<Entity[]> {
  const files: Record<string, unknown> = {};
  await Promise.all(
    Object.entries(URLS).map(async ([name, url]) => {
      const res = await fetch(browser.runtime.getURL(url as '/'));
      if (!res.ok) throw new Error(`Built-in knowledge pack: ${name}.json could not be read (${res.status})`);
      files[name] = await res.json();
    }),
  );
  return entitiesOrThrow(validatePackFiles(files));
}
