import { z } from 'zod';

// zod 4 probes `new Function('')` to compile faster parsers; the page's CSP has no 'unsafe-eval', so the probe
// would log a violation. zod reads the flag when schemas are created: preload.ts imports this module first.
z.config({ jitless: true });
