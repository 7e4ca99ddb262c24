// tsc writes the CLI without the execute bit; npm only sets it when it links an installed package's
// bin, so a rebuild in place would leave `npx dyad` with "Permission denied".
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/src/apps/cli/main.js', import.meta.url), 0o755);
