import type { Role } from '../contracts/enums';

/**
 * Who may commit (load into the dashboard) a monthly return that has been uploaded and checked.
 *
 * Commissioners and administrators own what the dashboard reports, so they may commit any upload.
 * An analyst (Trust staff) may commit only an upload they made themselves: a return a
 * commissioner uploaded is the council's to load, and an analyst committing it would put figures
 * before the board under the commissioner's name without the commissioner's say.
 */
export function mayCommitUpload(actor: { id: number; role: Role }, uploadedBy: number | null): boolean {
  if (actor.role === 'commissioner' || actor.role === 'admin') return true;
  if (actor.role === 'analyst') return uploadedBy !== null && uploadedBy === actor.id;
  return false;
}
