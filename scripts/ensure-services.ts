import { loadConfig } from '@app/config';
import { ensureLocalServices } from './local-services';

ensureLocalServices(loadConfig()).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
