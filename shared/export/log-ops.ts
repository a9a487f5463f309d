/**
 * The deep check of an imported log: every operation of a known type with a
 * payload its schema accepts, stamped by the laptop it names, one event.
 */
import { hlcParse } from '../domain/hlc.js';
import { isOpType, opPayloads, type Op } from '../ops.js';
import type { EventLogFile } from './log.js';

export interface LogIssue {
  path: string;
  message: string;
}

/** The operations as the core stores them, or the problems found (at most `limit`). */
export function checkLoggedOps(file: EventLogFile, limit = 20): { ops: Op[]; issues: LogIssue[] } {
  const issues: LogIssue[] = [];
  const ids = new Set<string>();
  const seqs = new Set<string>();
  let events = 0;
  file.ops.forEach((op, i) => {
    if (issues.length >= limit) return;
    const at = `log.ops.${i}`;
    if (!isOpType(op.type)) {
      issues.push({ path: `${at}.type`, message: `Unknown operation type ${JSON.stringify(op.type)}` });
      return;
    }
    const parsed = opPayloads[op.type].safeParse(op.payload);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        issues.push({ path: [at, 'payload', ...issue.path.map(String)].join('.'), message: issue.message });
      }
      return;
    }
    if (hlcParse(op.hlc).node !== op.deviceId) {
      issues.push({ path: `${at}.hlc`, message: 'The timestamp names another laptop than the operation' });
    }
    if (ids.has(op.id)) issues.push({ path: `${at}.id`, message: 'The same operation appears twice' });
    ids.add(op.id);
    const seqKey = `${op.deviceId}\u0000${op.seq}`;
    if (seqs.has(seqKey)) issues.push({ path: `${at}.seq`, message: 'Two operations share a laptop and sequence number' });
    seqs.add(seqKey);
    if (op.type === 'event.created') {
      events += 1;
      if (op.payload.eventId !== file.eventId) {
        issues.push({ path: `${at}.payload.eventId`, message: 'The log creates another event than it names' });
      }
    }
  });
  if (issues.length === 0 && events !== 1) {
    issues.push({ path: 'log.ops', message: `Expected the log to create one event, found ${events}` });
  }
  // Stored as written: the payload text keeps its original shape (no defaults added).
  return { ops: issues.length === 0 ? (file.ops as Op[]) : [], issues };
}
