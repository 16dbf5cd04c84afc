#!/usr/bin/env node
/**
 * `pnpm start` runs this before the server: it builds the client only when client/dist is missing
 * or was built from other sources. A fingerprint (SHA-256 over the path and bytes of every file the
 * build reads: client/ sources and config, shared/src, the lockfile) is written beside the build;
 * an unchanged fingerprint skips the build, which is most of a second start's wait.
 * Two builds: the browser's (client/dist) and the server's rendering of a page's first view
 * (client/dist-ssr, `vite build --ssr` of client/src/ssr/renderFirstView.tsx); both must be there.
 * `--force` always builds.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'client', 'dist');
const distSsr = path.join(root, 'client', 'dist-ssr');
const ssrEntry = 'src/ssr/renderFirstView.tsx';
const stampFile = path.join(dist, '.source-fingerprint');

// What the client build reads. Tests and test setup are not part of the bundle.
const inputs = ['client/src', 'client/public', 'client/build', 'client/index.html', 'client/vite.config.ts'];
const inputsAlso = [
  'client/package.json',
  'client/tsconfig.json',
  'shared/src',
  'shared/package.json',
  'pnpm-lock.yaml',
];
const skip = (name) => name === 'node_modules' || /\.test\.tsx?$/.test(name) || name === 'test';

/** Every file under a path (itself, if a file), relative to the root, tests left out. */
function filesAt(relative) {
  const absolute = path.join(root, relative);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [relative];
  return readdirSync(absolute, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).some(skip));
}

function fingerprint() {
  const files = [...inputs, ...inputsAlso].flatMap(filesAt).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
const wanted = fingerprint();
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
if (
  !force &&
  built === wanted &&
  existsSync(path.join(dist, 'index.html')) &&
  existsSync(path.join(distSsr, 'renderFirstView.js'))
) {
  console.log('Client is up to date with its sources; not rebuilding (pnpm build rebuilds it).');
  process.exit(0);
}

const started = Date.now();
const vite = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
const builds = [
  ['build', 'client', '--logLevel', 'warn'],
  // read by the server (server/src/plugins/clientPage.ts), never sent to a browser
  ['build', 'client', '--ssr', ssrEntry, '--outDir', distSsr, '--emptyOutDir', '--logLevel', 'warn'],
];
for (const args of builds) {
  const run = spawnSync(vite, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('The client build failed; see the messages above.');
    process.exit(run.status ?? 1);
  }
}
writeFileSync(stampFile, `${wanted}\n`);
console.log(`Client built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
