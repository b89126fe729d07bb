import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { addCard, initBoard, setLearnedFrom, setStatus } from '../../shared/board';
import type { ProfileService } from '../account/profile-service';
import type { AuthService } from '../auth/auth-service';
import { hashPassword } from '../auth/passwords';
import { SqlBoardStore } from '../boards/sql-board-store';
import type { RoomsService } from '../rooms/rooms-service';
import type { Store } from '../store/database';
import { DEMO_FACILITATOR, DEMO_PARTICIPANTS, type DemoPerson } from './demo-people';

export interface DemoAccounts {
  password: string;
  people: { displayName: string; email: string }[];
}

const SEED_ORIGIN = 'demo-seed';

async function ensurePerson(
  store: Store,
  auth: AuthService,
  profiles: ProfileService,
  p: DemoPerson,
  passwordHash: string,
  facilitator: boolean,
) {
  const existing = await auth.findUserIdByEmail(p.email);
  if (existing) {
    await store.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', existing)
      .execute();
    return existing;
  }
  const id = randomBytes(12).toString('base64url');
  await auth.insertUser(store.db, {
    id,
    email: p.email,
    displayName: p.profile.displayName,
    passwordHash,
    isAdmin: false,
    locale: p.locale,
  });
  if (facilitator)
    await store.db.updateTable('users').set({ is_facilitator: 1 }).where('id', '=', id).execute();
  await profiles.put(id, p.profile);
  return id;
}

/** A board in progress: each woman's goals, and lessons she learned from the other. */
function boardInProgress(
  kind: 'pair' | 'circle',
  title: string,
  owners: string[],
  lang: string[],
): Uint8Array {
  const doc = new Y.Doc();
  initBoard(doc, { title, kind, owners }, SEED_ORIGIN);
  const goals = [
    [
      'Vendre en ligne au Canada d’ici l’été',
      'Exporter 200 kg par mois vers le Sénégal',
      'Obtenir la certification biologique',
    ],
    [
      'Ouvrir une boutique en ligne',
      'Fixer des prix qui couvrent les coûts',
      'Former trois nouvelles associées',
    ],
  ];
  owners.forEach((owner, i) => {
    const texts = goals[i % goals.length]!;
    const first = addCard(
      doc,
      { kind: 'goal', text: texts[0], author: owner, owner, lang: lang[i % lang.length]! },
      SEED_ORIGIN,
    );
    setStatus(doc, first, 'active', SEED_ORIGIN);
    addCard(
      doc,
      { kind: 'goal', text: texts[1], author: owner, owner, lang: lang[i % lang.length]! },
      SEED_ORIGIN,
    );
  });
  if (owners.length >= 2) {
    const lesson = addCard(
      doc,
      {
        kind: 'lesson',
        text: 'Calculer le coût complet avant de fixer un prix.',
        author: owners[0]!,
        lang: lang[0]!,
      },
      SEED_ORIGIN,
    );
    setLearnedFrom(doc, lesson, owners[1]!, SEED_ORIGIN);
    addCard(
      doc,
      {
        kind: 'next-step',
        text: 'Partager les contacts du transitaire avant la prochaine séance.',
        author: owners[1]!,
        lang: lang[1 % lang.length]!,
      },
      SEED_ORIGIN,
    );
    addCard(
      doc,
      {
        kind: 'question',
        text: '¿Qué plataforma de pago funciona en ambos países?',
        author: owners[1]!,
        lang: 'es',
      },
      SEED_ORIGIN,
    );
  }
  return Y.encodeStateAsUpdate(doc);
}

/**
 * Seeds the sample program once (only with --demo / MUTUA_DEMO=1) and gives every demo
 * account a fresh random password, printed at start.
 */
export async function seedDemo(deps: {
  store: Store;
  auth: AuthService;
  profiles: ProfileService;
  rooms: RoomsService;
}): Promise<DemoAccounts> {
  const { store, auth, profiles, rooms } = deps;
  const password = `demo-${randomBytes(6).toString('base64url')}`;
  const passwordHash = await hashPassword(password);
  const facilitatorId = await ensurePerson(
    store,
    auth,
    profiles,
    DEMO_FACILITATOR,
    passwordHash,
    true,
  );
  const ids: Record<string, string> = {};
  for (const p of DEMO_PARTICIPANTS)
    ids[p.key] = await ensurePerson(store, auth, profiles, p, passwordHash, false);

  const existing = await store.db
    .selectFrom('programs')
    .select('id')
    .where('is_demo', '=', 1)
    .executeTakeFirst();
  if (!existing) {
    const programId = await rooms.createProgram(facilitatorId, {
      name: 'Demo · Canada – Bolivia – Senegal',
      description: 'A sample program to explore Mutua. Everything here is made up.',
      languages: ['en', 'fr', 'es'],
      startsOn: null,
      endsOn: null,
      isDemo: true,
    });
    for (const id of Object.values(ids)) await rooms.addProgramMember(programId, id, 'participant');
    const boards = new SqlBoardStore(store);
    const plan: { kind: 'pair' | 'circle'; title: string; members: string[]; lang: string[] }[] = [
      {
        kind: 'pair',
        title: 'Claire & Awa',
        members: ['claire.tremblay', 'awa.diop'],
        lang: ['fr', 'fr'],
      },
      {
        kind: 'pair',
        title: 'Rosa & Jennifer',
        members: ['rosa.quispe', 'jennifer.morales'],
        lang: ['es', 'en'],
      },
      {
        kind: 'circle',
        title: 'Cercle sud–sud · Círculo sur–sur',
        members: ['fatou.ndiaye', 'lucia.mamani', 'awa.diop', 'rosa.quispe'],
        lang: ['fr', 'es'],
      },
    ];
    for (const room of plan) {
      const memberIds = room.members.map((key) => ids[key]!);
      const { boardId } = await rooms.createRoom({
        programId,
        kind: room.kind,
        title: room.title,
        createdBy: facilitatorId,
        memberIds: room.kind === 'circle' ? [facilitatorId, ...memberIds] : memberIds,
      });
      await boards.append(boardId, [boardInProgress(room.kind, room.title, memberIds, room.lang)]);
    }
  }
  return {
    password,
    people: [DEMO_FACILITATOR, ...DEMO_PARTICIPANTS].map((p) => ({
      displayName: p.profile.displayName,
      email: p.email,
    })),
  };
}
