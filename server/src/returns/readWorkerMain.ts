import { parentPort } from 'node:worker_threads';
import { readReturnFile } from './parseReturn';

/**
 * In a worker thread (see readerPool.ts): reads each uploaded file it is sent and posts back what
 * was read, or why it could not be. One file at a time; the pool sends the next when this answers.
 */
parentPort!.on('message', async (task: { id: number; bytes: Uint8Array; fileName: string }) => {
  try {
    const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    parentPort!.postMessage({ id: task.id, read: await readReturnFile(bytes, task.fileName) });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, failed: error instanceof Error ? error.name : 'Error' });
  }
});

// Loaded and compiled: the pool starts each file's time limit only from here.
parentPort!.postMessage({ ready: true });
