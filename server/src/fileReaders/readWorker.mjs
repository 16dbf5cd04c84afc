// The worker thread's entry point: plain JavaScript, so it starts the same under tsx, vitest or
// node; it registers tsx's loader for the TypeScript parsers, then runs reading jobs (readWorkerMain.ts).
import { register } from 'tsx/esm/api';

register();
await import('./readWorkerMain.ts');
