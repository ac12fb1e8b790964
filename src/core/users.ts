/** People and programs acting in Atelier, and what their role lets them do. */
/** An auditor reads the audit trail and the data-protection reports, and nothing of the items. */
export type Role = 'admin' | 'manager' | 'reviewer' | 'annotator' | 'auditor';
export const ROLES: readonly Role[] = ['annotator', 'reviewer', 'manager', 'admin', 'auditor'];

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
}

/** Who is making a request: a signed-in user, or a program with an API token of that user. */
export interface Actor {
  user: User;
  /** 'system': the command line acting for the operator of the installation. */
  via: 'session' | 'token' | 'system';
  /** Scopes of the API token; a session carries every scope its role allows. */
  scopes: readonly string[] | null;
  /** The API token's own id (via 'token'): the one credential a token may revoke is itself. */
  tokenId?: number;
  /** The address the request came from, recorded with the audit events of what it does. */
  sourceIp?: string | null;
}

/** The user id to record as the author of an act (none for the system itself). */
export function authorId(actor: Actor): number | null {
  return actor.via === 'system' ? null : actor.user.id;
}

export type Capability =
  | 'annotate'
  | 'review'
  | 'manage_projects'
  | 'manage_users'
  | 'read_all_projects';

/**
 * What an API token may be limited to: the capabilities, and reading the audit trail (which no
 * capability grants: it is the auditor's and the admin's). The one list the API and the CLI offer.
 */
export const TOKEN_SCOPES = ['annotate', 'review', 'manage_projects', 'manage_users', 'read_all_projects', 'read_audit'] as const satisfies readonly (Capability | 'read_audit')[];
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The longest a token may be made to last, in days (about ten years): the API and the CLI alike. */
export const TOKEN_MAX_DAYS = 3650;

const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  annotator: ['annotate'],
  reviewer: ['annotate', 'review'],
  manager: ['annotate', 'review', 'manage_projects', 'read_all_projects'],
  admin: ['annotate', 'review', 'manage_projects', 'read_all_projects', 'manage_users'],
  auditor: [],
};

export function can(user: Pick<User, 'role'>, capability: Capability): boolean {
  return ROLE_CAPABILITIES[user.role].includes(capability);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
export function isEmail(value: string): boolean {
  return EMAIL.test(value) && value.length <= 254;
}
