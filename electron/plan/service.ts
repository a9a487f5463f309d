/**
 * The floor plan's preview (issue 15), a service on the core because reading
 * an XLSX is asynchronous: the file is read (electron/plan/read.ts) and
 * checked against the event as it is now (`previewPlan`); nothing changes.
 */
import type { Core, ServiceHandlers } from '../core/core.js';
import { RejectedError } from '../core/command.js';
import { FILE_ENCODING_MESSAGE } from '../../shared/text-file.js';
import { previewPlan } from '../../shared/domain/floorplan.js';
import { limitSize } from '../../shared/size.js';
import { PlanFileError, readPlanFile } from './read.js';

export function planHandlers(core: Core): ServiceHandlers<'plan'> {
  return {
    'plan.preview': async (args) => {
      const bytes = Buffer.from(args.contentBase64, 'base64');
      let grid: string[][];
      try {
        grid = await readPlanFile(args.fileName, bytes);
      } catch (error) {
        if (error instanceof PlanFileError) {
          if (error.code === 'plan_too_large') {
            throw new RejectedError(`That file is too large for a floor plan (more than ${limitSize(error.params) ?? '?'}).`, 'plan_too_large', error.params);
          }
          if (error.code === 'file_encoding') throw new RejectedError(FILE_ENCODING_MESSAGE, 'file_encoding');
          throw new RejectedError('Tableside cannot read that file. Choose a .csv or .xlsx file.', 'plan_unreadable', error.params);
        }
        throw error;
      }
      const snapshot = core.snapshot();
      if (!snapshot.event) throw new RejectedError('Create the event first.', 'no_event');
      const preview = previewPlan(grid, {
        topics: snapshot.event.topics.map((t) => t.label),
        tables: snapshot.tables.map((t) => ({
          id: t.id,
          name: t.name,
          coaches: t.coaches,
          topics: t.topics,
          languages: t.languages,
          turnMinutes: t.turnMinutes,
        })),
        ...(args.headers ? { headers: args.headers } : {}),
        ...(args.tableWord ? { tableWord: args.tableWord } : {}),
        ...(args.uiLanguage ? { uiLanguage: args.uiLanguage } : {}),
      });
      return preview;
    },
  };
}

/** Register the plan's preview on `core` (both hosts, at start-up). */
export function attachPlan(core: Core): void {
  core.registerService('plan', planHandlers(core));
}
