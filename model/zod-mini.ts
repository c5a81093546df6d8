/**
 * Zod Mini, for the schemas the content script's core needs before its first highlights
 * (the settings, the scan-engine answer). The core is compiled on the page's main thread
 * in the task that injects it, and classic Zod is about 80 KB of it: Mini's functional API
 * keeps the core small. Schemas from both interoperate (they share Zod's core). Jitless,
 * like classic Zod here (model/zod.ts).
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
