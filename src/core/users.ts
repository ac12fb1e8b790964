/** People and programs acting in Atelier, and what their role lets them do. */
export type Role = 'admin' | 'manager' | 'reviewer' | 'annotator';
export const ROLES: readonly Role[] = ['annotator', 'reviewer', 'manager', 'admin'];

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
  via: 'session' | 'token';
  /** Scopes of the API token; a session carries every scope its role allows. */
  scopes: readonly string[] | null;
}

export type Capability =
  | 'annotate'
  | 'review'
  | 'manage_projects'
  | 'manage_users'
  | 'read_all_projects';

const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  annotator: ['annotate'],
  reviewer: ['annotate', 'review'],
  manager: ['annotate', 'review', 'manage_projects', 'read_all_projects'],
  admin: ['annotate', 'review', 'manage_projects', 'read_all_projects', 'manage_users'],
};

export function can(user: Pick<User, 'role'>, capability: Capability): boolean {
  return ROLE_CAPABILITIES[user.role].includes(capability);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
export function isEmail(value: string): boolean {
  return EMAIL.test(value) && value.length <= 254;
}
