/**
 * Zod, configured once for every context (content script, background, extension pages).
 *
 * Jitless: by default Zod compiles a parser per object schema with `new Function` where
 * the context allows it, after probing with one. Extension contexts forbid eval, and a
 * strict policy reports the probe as a violation; the content script parses a handful of
 * small messages per page, where compiling costs more than it saves: its first parse (the
 * scan-engine answer) took about 12 ms there, on the way to the first highlights.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
