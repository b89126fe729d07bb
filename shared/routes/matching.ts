import { defineRoute, type ApiRoute } from '../api-contract';
import {
  CircleRequest,
  CircleSuggestionsView,
  MatchingPublish,
  MatchingSettings,
  PairSuggestionsView,
} from '../schemas/matching';
import { ProgramParams } from '../schemas/programs';
import { RoomList } from '../schemas/rooms';

/** Facilitators only: participants never see scores of other people. */
export const matchingRoutes = {
  getSettings: defineRoute({
    method: 'get',
    path: '/api/programs/:programId/matching',
    operationId: 'getMatchingSettings',
    summary: 'Locked and excluded pairs and kind weights of a program.',
    tag: 'matching',
    public: false,
    params: ProgramParams,
    response: MatchingSettings,
  }),
  putSettings: defineRoute({
    method: 'put',
    path: '/api/programs/:programId/matching',
    operationId: 'saveMatchingSettings',
    summary: 'Save locked and excluded pairs and kind weights; later runs keep them.',
    tag: 'matching',
    public: false,
    params: ProgramParams,
    body: MatchingSettings,
    response: MatchingSettings,
  }),
  suggestPairs: defineRoute({
    method: 'post',
    path: '/api/programs/:programId/matching/pairs',
    operationId: 'suggestPairs',
    summary: 'Suggested reciprocal pairs for the whole program, each with its reasons.',
    tag: 'matching',
    public: false,
    params: ProgramParams,
    response: PairSuggestionsView,
  }),
  suggestCircles: defineRoute({
    method: 'post',
    path: '/api/programs/:programId/matching/circles',
    operationId: 'suggestCircles',
    summary: 'Suggested circles (shared language, common hours, complementary skills).',
    tag: 'matching',
    public: false,
    params: ProgramParams,
    body: CircleRequest,
    response: CircleSuggestionsView,
  }),
  publish: defineRoute({
    method: 'post',
    path: '/api/programs/:programId/matching/publish',
    operationId: 'publishMatches',
    summary:
      'Create the chosen pair rooms and circles with their boards; members see them at once.',
    tag: 'matching',
    public: false,
    params: ProgramParams,
    body: MatchingPublish,
    response: RoomList,
    status: 201,
  }),
} satisfies Record<string, ApiRoute>;
