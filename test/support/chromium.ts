import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The system Chromium (Debian's `chromium` package): CHROMIUM_PATH, the usual paths, or PATH. */
export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter((path): path is string => !!path);
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error('Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)');
  }
}
