/*
 * The report page's browser test drives the system Chromium (Debian's `chromium` package)
 * through playwright-core, which downloads no browser of its own. When it is missing, root
 * installs it with apt-get; anyone else is told the one command to run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ServiceUnavailableError } from './local-services';

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

const say = (message: string) => process.stdout.write(`[services] ${message}\n`);

function found(): string | null {
  try {
    return chromiumPath();
  } catch {
    return null;
  }
}

function aptGet(args: string[]): void {
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0)
    throw new ServiceUnavailableError(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
}

export function ensureChromium(): void {
  if (found()) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || spawnSync('apt-get', ['--version']).status !== 0) {
    throw new ServiceUnavailableError(
      'Chromium is missing for the browser tests: run `sudo apt-get install chromium` (or set CHROMIUM_PATH).',
    );
  }
  say('installing Chromium (apt-get install chromium) for the browser tests');
  aptGet(['update', '-qq']);
  aptGet(['install', '-y', '-qq', 'chromium']);
  if (!found())
    throw new ServiceUnavailableError('apt-get installed chromium, but it is not on PATH');
  say('Chromium installed');
}
