import '../zod-setup';
import { z } from 'zod';
import { DisplayName, Email, Password } from './auth';
import { Id, Locale } from './common';
import { LanguageCode, ProfileInput } from './profile';

const IsoDate = z.iso.date({ error: 'date_invalid' });

export const ProgramRole = z.enum(['facilitator', 'participant']);
export type ProgramRole = z.infer<typeof ProgramRole>;

export const ProgramInput = z
  .object({
    name: z.string().trim().min(1, 'program_name_required').max(120, 'program_name_too_long'),
    description: z.string().trim().max(2000, 'description_too_long').default(''),
    languages: z.array(LanguageCode).min(1, 'languages_required').max(8),
    startsOn: IsoDate.nullable().default(null),
    endsOn: IsoDate.nullable().default(null),
  })
  .refine((p) => !p.startsOn || !p.endsOn || p.startsOn <= p.endsOn, {
    message: 'end_before_start',
    path: ['endsOn'],
  })
  .meta({ id: 'ProgramInput' });
export type ProgramInput = z.input<typeof ProgramInput>;

export const Program = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    languages: z.array(z.string()),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    isDemo: z.boolean(),
    /** Her role in it; null for an admin who is not a member. */
    myRole: ProgramRole.nullable(),
    participantCount: z.number().int(),
    roomCount: z.number().int(),
  })
  .meta({ id: 'Program' });
export type Program = z.infer<typeof Program>;

export const ProgramList = z.object({ programs: z.array(Program) }).meta({ id: 'ProgramList' });

export const ProgramMember = z
  .object({
    userId: Id,
    displayName: z.string(),
    role: ProgramRole,
    country: z.string().nullable(),
    city: z.string().nullable(),
    profileComplete: z.boolean(),
  })
  .meta({ id: 'ProgramMember' });
export const ProgramMemberList = z
  .object({ members: z.array(ProgramMember) })
  .meta({ id: 'ProgramMemberList' });

export const ProgramParams = z.object({ programId: Id });
export const ProgramMemberParams = z.object({ programId: Id, userId: Id });

export const InvitationCreate = z
  .object({
    /** Null: an organisation-wide facilitator invitation (admins only). */
    programId: Id.nullable(),
    role: ProgramRole,
    email: Email.nullable().default(null),
    note: z.string().trim().max(200, 'note_too_long').default(''),
    /** Days until it expires; 14 unless set. */
    validDays: z.number().int().min(1).max(60).default(14),
  })
  .meta({ id: 'InvitationCreate' });
export type InvitationCreate = z.input<typeof InvitationCreate>;

export const InvitationStatus = z.enum(['pending', 'used', 'expired', 'revoked']);

export const Invitation = z
  .object({
    id: Id,
    programId: Id.nullable(),
    role: ProgramRole,
    email: z.string().nullable(),
    note: z.string(),
    status: InvitationStatus,
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const InvitationCreated = Invitation.extend({
  /** The link to share, shown once: its token is stored only as a hash. */
  link: z.string(),
}).meta({ id: 'InvitationCreated' });

export const InvitationList = z
  .object({ invitations: z.array(Invitation) })
  .meta({ id: 'InvitationList' });
export const InvitationListQuery = z.object({ programId: Id.optional() });
export const InvitationParams = z.object({ invitationId: Id });

export const InvitationToken = z
  .object({ token: z.string().min(16).max(128) })
  .meta({ id: 'InvitationToken' });

export const InvitationPreview = z
  .object({
    role: ProgramRole,
    programName: z.string().nullable(),
    invitedBy: z.string(),
    email: z.string().nullable(),
  })
  .meta({ id: 'InvitationPreview' });

export const InvitationAccept = z
  .object({
    token: z.string().min(16).max(128),
    /** A new account; omit when signed in already to join with the current one. */
    account: z
      .object({ displayName: DisplayName, email: Email, password: Password, locale: Locale })
      .optional(),
    profile: ProfileInput.omit({ displayName: true }).partial().optional(),
  })
  .meta({ id: 'InvitationAccept' });
export type InvitationAccept = z.input<typeof InvitationAccept>;
