/**
 * The first step of `npm test`: stops at once, with the one command that fixes it, on a machine
 * without the system programs the tests run (Debian's `chromium` for the browser tests,
 * `redis-server` for the shared-store tests). Nothing is downloaded instead.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// As the tests find them: CHROMIUM overrides /usr/bin/chromium; redis-server is run from PATH.
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const missing = [
  ...(executable(chromium) ? [] : [{ name: 'chromium', where: chromium }]),
  ...(onPath('redis-server') ? [] : [{ name: 'redis-server', where: 'PATH' }]),
];
if (missing.length > 0) {
  console.error(`npm test needs ${missing.map((m) => `${m.name} (not found in ${m.where})`).join(' and ')}. Install with:\n`);
  console.error(`  sudo apt-get install -y ${missing.map((m) => m.name).join(' ')}\n`);
  process.exit(1);
}
