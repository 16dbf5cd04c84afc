import {
  AUDIT_CSV_MAX_ROWS,
  AUDIT_KIND_WORDS,
  AUDIT_OUTCOMES,
  type AuditEntryView,
  type AuditFilterQuery,
  type AuditOutcome,
  type AuditPage,
  type AuditQuery,
  auditActionKind,
  auditActionWords,
  auditChanges,
  auditDetailsAsSeen,
  auditTargetWords,
  fileNameSlug,
  formatUkDateTime,
  ukDate,
} from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import { BadRequestError } from '../errors';
import type { ExportFile } from '../exports/dataExport';
import { auditExport } from '../exports/exportAudit';
import { type ExportDocument, type ExportTable, toCsv } from '../exports/tabular';
import { type AuditRow, auditCursorOf, parseAuditCursor, readAuditPage } from './auditReadRepository';

/**
 * The record of changes: the audit log of the organisation in view (the request context's, the
 * one place that decides which council a request may read), put into words, with anything secret
 * withheld and people of other councils unnamed.
 */

export const OUTSIDE_THE_COUNCIL = 'Someone outside this council';
export const NOBODY_SIGNED_IN = 'The system (nobody signed in)';

function outcomeOf(value: string): AuditOutcome {
  return (AUDIT_OUTCOMES as readonly string[]).includes(value) ? (value as AuditOutcome) : 'success';
}

export function entryView(row: AuditRow): AuditEntryView {
  const outcome = outcomeOf(row.outcome);
  const details = auditDetailsAsSeen(row.action, row.details);
  return {
    id: row.id,
    at: row.at.toISOString(),
    who:
      row.memberUsername !== null
        ? { name: row.memberDisplayName ?? row.memberUsername, username: row.memberUsername }
        : { name: row.hadActor ? OUTSIDE_THE_COUNCIL : NOBODY_SIGNED_IN, username: null },
    action: row.action,
    actionText: auditActionWords(row.action, outcome),
    kind: auditActionKind(row.action),
    outcome,
    target: row.target,
    targetText: auditTargetWords(row.target),
    changes: auditChanges(details),
    details,
  };
}

export async function auditPage(db: Db, request: FastifyRequest, query: AuditQuery): Promise<AuditPage> {
  const organisation = await request.context.requireOrganisation(db);
  // One more than asked: whether it exists says if there is a next page, without a count.
  const rows = await readAuditPage(db, organisation.id, query, {
    limit: query.limit + 1,
    after: query.cursor ? parseAuditCursor(query.cursor) : undefined,
  });
  const shown = rows.slice(0, query.limit);
  const last = shown.at(-1);
  return {
    entries: shown.map(entryView),
    nextCursor: rows.length > query.limit && last ? auditCursorOf(last) : null,
  };
}

export const TOO_MANY_FOR_CSV = `The record holds more than ${AUDIT_CSV_MAX_ROWS.toLocaleString('en-GB')} entries for this choice. Choose a shorter date range, a kind of change or a person, and download again.`;

function filterWords(filter: AuditFilterQuery): string {
  const parts = [
    filter.kind ? `kind: ${AUDIT_KIND_WORDS[filter.kind]}` : null,
    filter.person ? `person: ${filter.person}` : null,
    filter.from ? `from ${filter.from}` : null,
    filter.to ? `to ${filter.to}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'every entry';
}

function detailText(entry: AuditEntryView): string {
  return entry.details ? JSON.stringify(entry.details) : '';
}

/** The same filtered list as a tidy CSV (the exports' writer: formula-safe, UTF-8 with BOM), audited. */
export async function auditCsv(db: Db, request: FastifyRequest, filter: AuditFilterQuery): Promise<ExportFile<'csv'>> {
  const organisation = await request.context.requireOrganisation(db);
  const rows = await readAuditPage(db, organisation.id, filter, { limit: AUDIT_CSV_MAX_ROWS + 1 });
  if (rows.length > AUDIT_CSV_MAX_ROWS) throw new BadRequestError(TOO_MANY_FOR_CSV);
  const entries = rows.map(entryView);
  const producedAt = request.context.meta.now;
  const table: ExportTable = {
    title: `Record of changes: ${organisation.name}`,
    name: 'record_of_changes',
    columns: [
      { header: 'When (ISO 8601)' },
      { header: 'When (UK time)' },
      { header: 'Who' },
      { header: 'Username' },
      { header: 'Action' },
      { header: 'Outcome' },
      { header: 'What it touched' },
      { header: 'Before and after' },
      { header: 'Details' },
      { header: 'Action code' },
    ],
    rows: entries.map((entry) => [
      entry.at,
      formatUkDateTime(entry.at),
      entry.who.name,
      entry.who.username,
      entry.actionText,
      entry.outcome,
      entry.targetText,
      entry.changes.map((c) => `${c.field ? `${c.field}: ` : ''}${c.before} → ${c.after}`).join('; ') || null,
      detailText(entry) || null,
      entry.action,
    ]),
  };
  const doc: ExportDocument = {
    title: 'Record of changes',
    organisation: organisation.name,
    period: filterWords(filter),
    producedAt,
    marking: null,
    sources: ['The service’s audit log'],
    notes: [],
    sheets: [{ name: 'Record of changes', tables: [table] }],
    csv: [{ part: 'entries', table }],
  };
  const fileName = `record-of-changes-${fileNameSlug(organisation.name, 40)}-${ukDate(producedAt)}.csv`;
  await auditExport(db, request, 'export.audit', 'record of changes', {
    format: 'csv',
    fileName,
    rows: entries.length,
    filter: filterWords(filter),
  });
  // No figures, but it names people and what they did: kept nowhere, as unpublished figures are (no-store).
  return { body: toCsv(doc, table), format: 'csv', fileName, unpublished: true };
}
