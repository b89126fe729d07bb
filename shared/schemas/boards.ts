import '../zod-setup';
import { z } from 'zod';
import { BOARD_KINDS, CARD_COLOURS, CARD_KINDS, GOAL_STATUSES } from '../board/board-kinds';
import { Id } from './common';

export const BoardParams = z.object({ boardId: Id });
export const BoardSnapshotParams = z.object({ boardId: Id, snapshotId: Id });

export const BoardSnapshotCreate = z
  .object({
    name: z.string().trim().min(1, 'snapshot_name_required').max(120, 'snapshot_name_too_long'),
  })
  .meta({ id: 'BoardSnapshotCreate' });
export type BoardSnapshotCreate = z.infer<typeof BoardSnapshotCreate>;

export const BoardSnapshotSummary = z
  .object({
    id: Id,
    boardId: Id,
    name: z.string(),
    /** Null when the server took it (end of a mentoring session). */
    createdBy: Id.nullable(),
    createdAt: z.number().int(),
  })
  .meta({ id: 'BoardSnapshotSummary' });
export type BoardSnapshotSummary = z.infer<typeof BoardSnapshotSummary>;

export const BoardSnapshotList = z
  .object({ snapshots: z.array(BoardSnapshotSummary) })
  .meta({ id: 'BoardSnapshotList' });

export const BoardSnapshotContent = BoardSnapshotSummary.extend({
  /** The board at that moment: one Yjs update, base64. Open it in a Y.Doc, read-only. */
  update: z.base64(),
}).meta({ id: 'BoardSnapshotContent' });
export type BoardSnapshotContent = z.infer<typeof BoardSnapshotContent>;

const CardJson = z.object({
  id: z.string(),
  kind: z.enum(CARD_KINDS),
  text: z.string(),
  owner: z.string().nullable(),
  author: z.string(),
  learnedFrom: z.string().nullable(),
  goalId: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  x: z.number(),
  y: z.number(),
  colour: z.enum(CARD_COLOURS),
  lang: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const BoardJson = z
  .object({
    meta: z.object({ title: z.string(), kind: z.enum(BOARD_KINDS), templateVersion: z.number() }),
    lanes: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(CARD_KINDS),
        owner: z.string().nullable(),
        cardIds: z.array(z.string()),
      }),
    ),
    cards: z.record(z.string(), CardJson),
    members: z.array(z.object({ userId: Id, displayName: z.string() })),
  })
  .meta({ id: 'BoardJson' });

export const BoardExport = z
  .object({ filename: z.string(), markdown: z.string(), board: BoardJson })
  .meta({ id: 'BoardExport' });
export type BoardExport = z.infer<typeof BoardExport>;
