/** Which screens a role opens: the navigation shows these, and the others answer "no access". */
import type { Role } from '../api/types.ts';

export type Area = 'work' | 'feedback' | 'review' | 'projects' | 'users';

const AREAS: Record<Role, Area[]> = {
  annotator: ['work', 'feedback'],
  reviewer: ['work', 'review', 'feedback'],
  manager: ['projects', 'review', 'work', 'users'],
  admin: ['projects', 'review', 'work', 'users'],
  // Auditors read the audit trail and data-protection reports, which have no screen here yet.
  auditor: [],
};

export const AREA_TITLES: Record<Area, string> = {
  work: 'My work',
  feedback: 'Feedback',
  review: 'Review',
  projects: 'Projects',
  users: 'Users',
};

export function areasOf(role: Role): Area[] {
  return AREAS[role];
}

export function canOpen(role: Role, area: Area): boolean {
  return AREAS[role].includes(area);
}

/** Where a person lands after signing in. */
export function homeOf(role: Role): string {
  const first = AREAS[role][0];
  return first ? `/${first}` : '/no-access';
}

export const canManageUsers = (role: Role): boolean => role === 'admin';
