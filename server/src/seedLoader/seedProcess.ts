import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SEED_ENTRY = fileURLToPath(new URL('../cli/loadSeed.ts', import.meta.url));

/**
 * Seeds the demo in a process of its own and resolves with its exit code. Why not in the server's
 * process: the embedded database's WebAssembly memory grows to hold the seed's one big
 * transaction and never shrinks, and the reference files' parsed rows leave the heap large, so a
 * server that seeded itself stayed near 950 MB for its whole life; one that opens the seeded
 * database afresh starts near half that. The child inherits this process's loader flags
 * (`--import tsx`), environment and output, so its messages are the server's.
 */
export function seedInChildProcess(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, SEED_ENTRY], { stdio: 'inherit', env: process.env });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
