// Debian's chromium-headless-shell, found and launched through playwright-core: for the explorer's
// browser tests and `npm run explorer:screenshots` (playwright's own browser downloads are never used).
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const KNOWN_PATHS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Files the Debian package installed, for a layout other than the usual two paths. */
function packagedPaths(): string[] {
  try {
    return execFileSync('dpkg', ['-L', 'chromium-headless-shell'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter((line) => line.endsWith('/chromium-headless-shell'));
  } catch {
    return [];
  }
}

/** CHROMIUM_PATH when set (and it must then exist), else the Debian package's binary; null when absent. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env.CHROMIUM_PATH?.trim();
  if (override) return isExecutable(override) ? override : null;
  return [...KNOWN_PATHS, ...packagedPaths()].find(isExecutable) ?? null;
}

export const MISSING_CHROMIUM =
  "chromium-headless-shell not found (set CHROMIUM_PATH, or: apt-get install --no-install-recommends chromium-headless-shell; .ci/run does this)";

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    // No sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
