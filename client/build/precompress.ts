import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;
/** Below this, the compressed file saves less than a network packet. */
const MIN_BYTES = 1_024;

/**
 * Writes `.br` and `.gz` next to each text file of the build, once, at the highest levels, so the
 * server (`@fastify/static` with `preCompressed`) sends them without compressing per request.
 */
export function precompress(): Plugin {
  let outDir = '';
  let serverBuild = false;
  return {
    name: 'kpi-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      // the server-rendering build (client/dist-ssr) is read by the server, never sent
      serverBuild = Boolean(config.build.ssr);
    },
    closeBundle: () => (serverBuild ? undefined : precompressDirectory(outDir)),
  };
}

export async function precompressDirectory(dir: string): Promise<void> {
  const gzipAsync = promisify(gzip);
  const brotliAsync = promisify(brotliCompress);
  for (const file of await filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file) || (await stat(file)).size < MIN_BYTES) continue;
    const bytes = await readFile(file);
    await writeFile(`${file}.gz`, await gzipAsync(bytes, { level: 9 }));
    await writeFile(
      `${file}.br`,
      await brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
    );
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}
