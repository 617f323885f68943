import { z } from 'zod';

// zod 4 probes `new Function('')` to compile faster object parsers. Our CSP has no 'unsafe-eval', so the
// probe logs a CSP violation on every load. zod reads this flag when each schema is created, so this
// module must be the entry's first import (before shared/contract builds its schemas).
z.config({ jitless: true });
