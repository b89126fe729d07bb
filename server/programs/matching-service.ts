import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import {
  explainReasons,
  suggestCircles,
  suggestPairs,
  type MatchCandidate,
  type MatchSettings,
} from '../matching';
import type { RoomsService } from '../rooms/rooms-service';
import type { Store } from '../store/database';
import { skillLabel } from '../../shared/skills';
import type { Locale } from '../../shared/protocol';
import {
  MatchingSettings,
  type CircleSuggestionsView,
  type MatchingPublish,
  type PairSuggestionsView,
} from '../../shared/schemas/matching';
import type { ProfileInput } from '../../shared/schemas/profile';
import type { ProgramsService } from './programs-service';

declare module '../store/schema' {
  interface Database {
    matching_settings: { program_id: string; data: string; updated_at: number };
  }
}

interface Participant {
  userId: string;
  displayName: string;
  candidate: MatchCandidate | null;
}

/** What matching needs from a profile; null when something is missing. */
function toCandidate(
  userId: string,
  p: Partial<Omit<ProfileInput, 'displayName'>>,
): MatchCandidate | null {
  if (
    !p.country ||
    !p.timeZone ||
    !p.languages?.length ||
    !p.stage ||
    !p.offers?.length ||
    !p.wants?.length ||
    !p.availability?.length
  ) {
    return null;
  }
  return {
    id: userId,
    companyName: p.businessName ?? undefined,
    country: p.country,
    diasporaOrigin: p.diasporaOrigin ?? undefined,
    languages: p.languages,
    timeZone: p.timeZone,
    availability: p.availability.map((w) => ({ ...w, day: w.day as 0 | 1 | 2 | 3 | 4 | 5 | 6 })),
    stage: p.stage,
    sector: p.sector ?? '',
    offers: p.offers,
    wants: p.wants,
    goals: [...(p.offerTags ?? []), ...(p.wantTags ?? [])],
  };
}

/**
 * Matching as a facilitator uses it: her program's participants and saved choices go into
 * the pure matching core; suggestions come back with reasons in her language.
 */
export class MatchingService {
  constructor(
    private readonly store: Store,
    private readonly programs: ProgramsService,
    private readonly rooms: RoomsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async settings(principal: Principal, programId: string): Promise<MatchingSettings> {
    await this.programs.requireFacilitator(principal, programId);
    const row = await this.store.db
      .selectFrom('matching_settings')
      .select('data')
      .where('program_id', '=', programId)
      .executeTakeFirst();
    return MatchingSettings.parse(row ? JSON.parse(row.data) : {});
  }

  async saveSettings(
    principal: Principal,
    programId: string,
    settings: MatchingSettings,
  ): Promise<MatchingSettings> {
    await this.programs.requireFacilitator(principal, programId);
    const data = JSON.stringify(settings);
    const updated_at = Date.now();
    const done = await this.store.db
      .updateTable('matching_settings')
      .set({ data, updated_at })
      .where('program_id', '=', programId)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) {
      await this.store.db
        .insertInto('matching_settings')
        .values({ program_id: programId, data, updated_at })
        .execute();
    }
    return settings;
  }

  private async participants(programId: string): Promise<Participant[]> {
    const rows = await this.store.db
      .selectFrom('program_members as pm')
      .innerJoin('users', 'users.id', 'pm.user_id')
      .leftJoin('profiles', 'profiles.user_id', 'pm.user_id')
      .select(['users.id', 'users.display_name', 'profiles.data'])
      .where('pm.program_id', '=', programId)
      .where('pm.role', '=', 'participant')
      .where('pm.removed_at', 'is', null)
      .where('users.deleted_at', 'is', null)
      .orderBy('users.id')
      .execute();
    return rows.map((r) => ({
      userId: r.id,
      displayName: r.display_name,
      candidate: toCandidate(r.id, r.data ? (JSON.parse(r.data) as Partial<ProfileInput>) : {}),
    }));
  }

  private coreSettings(saved: MatchingSettings, ids: Set<string>): MatchSettings {
    const known = (pair: readonly [string, string]) => ids.has(pair[0]) && ids.has(pair[1]);
    return {
      kindWeights: saved.kindWeights,
      excluded: saved.excluded.filter(known),
      locked: saved.locked.filter(known),
      now: this.now(),
    };
  }

  async suggestPairs(principal: Principal, programId: string): Promise<PairSuggestionsView> {
    const saved = await this.settings(principal, programId);
    const people = await this.participants(programId);
    const ready = people.filter((p) => p.candidate);
    const byId = new Map(people.map((p) => [p.userId, p]));
    const person = (id: string) => ({ userId: id, displayName: byId.get(id)!.displayName });
    const result = suggestPairs(
      ready.map((p) => p.candidate!),
      this.coreSettings(saved, new Set(ready.map((p) => p.userId))),
    );
    const locale = principal.locale;
    const label = (key: string) => skillLabel(key, locale as Locale);
    return {
      pairs: result.pairs.map((pair) => ({
        a: person(pair.a),
        b: person(pair.b),
        score: Math.round(pair.score * 10) / 10,
        kind: pair.kind,
        reasons: explainReasons(
          pair.reasons,
          locale,
          { a: byId.get(pair.a)!.displayName, b: byId.get(pair.b)!.displayName },
          label,
        ),
        locked: pair.locked,
        blockers: pair.blockers,
      })),
      unmatched: result.unmatched.map((u) => ({ ...person(u.id), why: u.why })),
      incomplete: people.filter((p) => !p.candidate).map((p) => person(p.userId)),
    };
  }

  async suggestCircles(
    principal: Principal,
    programId: string,
    size: { minSize: number; maxSize: number },
  ): Promise<CircleSuggestionsView> {
    const saved = await this.settings(principal, programId);
    const people = await this.participants(programId);
    const ready = people.filter((p) => p.candidate);
    const byId = new Map(people.map((p) => [p.userId, p]));
    const person = (id: string) => ({ userId: id, displayName: byId.get(id)!.displayName });
    const result = suggestCircles(
      ready.map((p) => p.candidate!),
      size,
      this.coreSettings(saved, new Set(ready.map((p) => p.userId))),
    );
    return {
      circles: result.circles.map((c) => ({
        members: c.members.map(person),
        languages: c.languages,
        commonMinutes: c.commonMinutes,
      })),
      unplaced: result.unplaced.map((u) => ({ ...person(u.id), why: u.why })),
      incomplete: people.filter((p) => !p.candidate).map((p) => person(p.userId)),
    };
  }

  /** Creates the chosen rooms, each with its board; their members see them on their home page. */
  async publish(
    principal: Principal,
    programId: string,
    choice: MatchingPublish,
  ): Promise<string[]> {
    await this.programs.requireFacilitator(principal, programId);
    const names = new Map(
      (await this.participants(programId)).map((p) => [p.userId, p.displayName]),
    );
    // Check the whole choice first, so that a bad entry creates no room at all.
    const everyone = [...choice.pairs.flat(), ...choice.circles.flat()];
    if (everyone.some((id) => !names.has(id))) {
      throw new AppError('validation_failed', 'Everyone must be a participant of the program.', {
        pairs: 'not_in_program',
      });
    }
    const paired = choice.pairs.flat();
    if (new Set(paired).size !== paired.length) {
      throw new AppError('validation_failed', 'Someone is in two pairs.', {
        pairs: 'pair_overlap',
      });
    }
    const roomIds: string[] = [];
    for (const [a, b] of choice.pairs) {
      const title = `${names.get(a) ?? '?'} & ${names.get(b) ?? '?'}`;
      const { roomId } = await this.rooms.createRoom({
        programId,
        kind: 'pair',
        title,
        createdBy: principal.userId,
        memberIds: [a, b],
      });
      roomIds.push(roomId);
    }
    for (const members of choice.circles) {
      const title = members.map((id) => names.get(id) ?? '?').join(', ');
      const { roomId } = await this.rooms.createRoom({
        programId,
        kind: 'circle',
        title: title.length > 120 ? `${title.slice(0, 117)}…` : title,
        createdBy: principal.userId,
        memberIds: [principal.userId, ...members],
      });
      roomIds.push(roomId);
    }
    return roomIds;
  }
}
