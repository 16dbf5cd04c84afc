/**
 * The baseline for the HTTP benchmarks: a bare Fastify (the version the server uses) on this
 * machine, returning byte for byte the bodies the real endpoints returned, with their content
 * type, and nothing else — no database, no session, no plugins, no logging.
 *
 *   tsx bench/benchmarks/bareServer.ts <port> <bodies.json>
 *
 * bodies.json: { "/path": { "file": "...", "contentType": "..." }, … }. Prints "ready" when listening.
 */
import { readFileSync } from 'node:fs';
import { Fastify } from '../lib/deps';

const [portText, bodiesFile] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(bodiesFile!, 'utf8')) as Record<string, { file: string; contentType: string }>;
const app = Fastify({ logger: false });
for (const [route, spec] of Object.entries(bodies)) {
  const bytes = readFileSync(spec.file);
  app.get(route, async (_request, reply) => reply.type(spec.contentType).send(bytes));
}
await app.listen({ host: '127.0.0.1', port: Number(portText) });
console.log('ready');
const close = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', close);
process.on('SIGINT', close);
