import { firstControlCharacter } from '@kpi/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { BadRequestError } from '../errors';

/**
 * No control characters in anything a request says in words: path and query parameters and
 * every string in a JSON body. PostgreSQL cannot store U+0000 in text or jsonb at all (it would
 * be a 500), and no field of this API means anything with the others. Checked once, here, for
 * every route, before validation, with the field named. (Uploaded files are checked cell by cell
 * by their readers, with the cell named.)
 */
async function inputText(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const found =
      findControl(request.params, 'params') ??
      findControl(request.query, 'querystring') ??
      (Buffer.isBuffer(request.body) ? null : findControl(request.body, 'body'));
    if (found) {
      throw new BadRequestError('The request contains an invisible control character, which no field accepts.', [
        { path: found.path, message: `Remove the control character ${found.codePoint}` },
      ]);
    }
  });
}

const MAX_DEPTH = 20;

function findControl(value: unknown, path: string, depth = 0): { path: string; codePoint: string } | null {
  if (typeof value === 'string') {
    const found = firstControlCharacter(value);
    return found ? { path, codePoint: found.codePoint } : null;
  }
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [key, child] of Object.entries(value)) {
    const keyFound = firstControlCharacter(key);
    if (keyFound) return { path, codePoint: keyFound.codePoint };
    const found = findControl(child, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export default fp(inputText, { name: 'input-text' });
