import type { Generated } from 'kysely';

/**
 * The tables Mutua stores. Domain modules that own more tables add them to this
 * interface by module augmentation next to their queries, so that each table is typed
 * in one place. Times are integer milliseconds since the epoch (bigint columns).
 */
export interface Database {
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  programs: ProgramsTable;
  program_members: ProgramMembersTable;
  rooms: RoomsTable;
  room_members: RoomMembersTable;
  invitations: InvitationsTable;
  profiles: ProfilesTable;
}

export interface UsersTable {
  id: string;
  email: string | null;
  display_name: string;
  password_hash: string;
  is_admin: number;
  is_facilitator: Generated<number>;
  locale: string;
  created_at: number;
  deleted_at: number | null;
}

export interface AuthSessionsTable {
  id_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  idle_expires_at: number;
  absolute_expires_at: number;
  shared_device: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ProgramsTable {
  id: string;
  name: string;
  description: string;
  /** JSON array of language codes. */
  languages: string;
  starts_on: string | null;
  ends_on: string | null;
  is_demo: Generated<number>;
  created_by: string;
  created_at: number;
  archived_at: number | null;
}

export type ProgramRole = 'facilitator' | 'participant';

export interface ProgramMembersTable {
  program_id: string;
  user_id: string;
  role: ProgramRole;
  joined_at: number;
  removed_at: number | null;
}

export type RoomKind = 'pair' | 'circle';

export interface RoomsTable {
  id: string;
  program_id: string;
  kind: RoomKind;
  title: string;
  board_id: string;
  /** The pair chose to let the program's facilitators read their board. */
  shared_with_facilitators: Generated<number>;
  created_by: string;
  created_at: number;
  archived_at: number | null;
}

export interface RoomMembersTable {
  room_id: string;
  user_id: string;
  role: ProgramRole;
  added_at: number;
  removed_at: number | null;
}

export interface InvitationsTable {
  id: string;
  /** Null: an organisation-wide facilitator invitation. */
  program_id: string | null;
  role: ProgramRole;
  token_hash: string;
  email: string | null;
  note: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
  revoked_at: number | null;
}

export interface ProfilesTable {
  user_id: string;
  /** JSON of the shared ProfileInput without displayName (kept on users). */
  data: string;
  updated_at: number;
}
