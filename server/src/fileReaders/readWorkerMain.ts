import { parentPort } from 'node:worker_threads';
import { READER_JOBS, type ReaderJobKind } from './readerJobs';
import { describeError } from './workerErrors';

/**
 * In a worker thread (see fileReaderPool.ts): runs each job it is sent and posts back its result,
 * or the error it threw as plain data. One job at a time; the pool sends the next when this answers.
 */
parentPort!.on('message', async (task: { id: number; kind: ReaderJobKind; input: { bytes?: Uint8Array } }) => {
  try {
    const { bytes } = task.input;
    // Bytes arrive as a plain Uint8Array; the readers expect a Buffer over the same memory.
    const input = bytes
      ? { ...task.input, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
      : task.input;
    const output = await READER_JOBS[task.kind].run(input as never);
    parentPort!.postMessage({ id: task.id, output });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, failed: describeError(error) });
  }
});

// Loaded and compiled: the pool starts each job's time limit only from here.
parentPort!.postMessage({ ready: true });
