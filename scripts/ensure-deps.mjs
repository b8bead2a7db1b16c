// Installs the npm packages when they are missing or older than package-lock.json,
// so that `npm start` and `npm test` work on a fresh clone. Plain JavaScript:
// it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`linchpin: Node.js 20.19 or newer is required (this is ${process.versions.node}); install Node 20 LTS`);
  process.exit(1);
}

const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs + 1000;
if (stale) {
  console.log('linchpin: installing npm packages (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('linchpin: npm ci failed; see the output above');
    process.exit(result.status ?? 1);
  }
}
