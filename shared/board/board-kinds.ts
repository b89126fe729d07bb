/** Names of the board model, free of Yjs so the API contract can use them cheaply. */
export const TEMPLATE_VERSION = 1;

export const CARD_KINDS = ['goal', 'lesson', 'resource', 'question', 'next-step'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export const GOAL_STATUSES = ['open', 'active', 'done'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const BOARD_KINDS = ['pair', 'circle'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

/** Canvas colours, named: the client maps each to a colour with enough contrast. */
export const CARD_COLOURS = ['plum', 'saffron', 'sky', 'leaf', 'sand'] as const;
export type CardColour = (typeof CARD_COLOURS)[number];

/** The lanes every board has besides the members' goal lanes, in display order. */
export const SHARED_LANES = ['lessons', 'resources', 'questions', 'next-steps'] as const;
export type SharedLane = (typeof SHARED_LANES)[number];
export type GoalLane = `goals:${string}`;
export type LaneId = GoalLane | SharedLane;
