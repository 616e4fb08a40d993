import { loadConfig } from '@app/config';
import { ensureChromium } from './chromium';
import { ensureLocalServices } from './local-services';

/** What `npm test` needs besides node_modules: MariaDB, Redis and, for the browser tests, Chromium. */
ensureLocalServices(loadConfig())
  .then(() => ensureChromium())
  .catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
