/**
 * Which screens a person opens: their role gives most of them; what they are in a pool adds the
 * rest (a vendor's pool manager runs their pool, a pool's experts adjudicate). The navigation shows
 * these, and the others answer "no access".
 */
import type { Role } from '../api/types.ts';

export type Area = 'work' | 'feedback' | 'review' | 'quality' | 'adjudicate' | 'projects' | 'pools' | 'jobs' | 'users' | 'audit';

/** What the person is in the pools they belong to. */
export interface Standing {
  managesPool: boolean;
  expert: boolean;
}

export const NO_STANDING: Standing = { managesPool: false, expert: false };

const AREAS: Record<Role, Area[]> = {
  annotator: ['work', 'feedback'],
  reviewer: ['work', 'review', 'quality', 'feedback'],
  manager: ['projects', 'pools', 'review', 'quality', 'jobs', 'work', 'users'],
  admin: ['projects', 'pools', 'review', 'quality', 'jobs', 'work', 'users', 'audit'],
  auditor: ['audit'],
};

export const AREA_TITLES: Record<Area, string> = {
  work: 'My work',
  feedback: 'Feedback',
  review: 'Review',
  quality: 'Quality',
  adjudicate: 'Adjudicate',
  projects: 'Projects',
  pools: 'Pools',
  jobs: 'Jobs',
  users: 'Users',
  audit: 'Audit trail',
};

export function areasOf(role: Role, standing: Standing = NO_STANDING): Area[] {
  const areas = [...AREAS[role]];
  if (standing.expert && !areas.includes('adjudicate')) areas.splice(Math.min(1, areas.length), 0, 'adjudicate');
  if (standing.managesPool && !areas.includes('pools')) areas.push('pools');
  // A vendor's team lead reads the quality of their pool's work (the server scopes the figures).
  if (standing.managesPool && !areas.includes('quality')) areas.push('quality');
  return areas;
}

export function canOpen(role: Role, area: Area, standing: Standing = NO_STANDING): boolean {
  return areasOf(role, standing).includes(area);
}

/** Whether the area's opening depends on pool memberships (the guard waits for them before refusing). */
export const dependsOnStanding = (area: Area): boolean => area === 'pools' || area === 'adjudicate' || area === 'quality';

/** Where a person lands after signing in. */
export function homeOf(role: Role): string {
  const first = AREAS[role][0];
  return first ? `/${first}` : '/no-access';
}

export const canManageUsers = (role: Role): boolean => role === 'admin';
export const isProjectManager = (role: Role): boolean => role === 'admin' || role === 'manager';

/** Why a screen is shut, in the words of what opens it. */
export function whyShut(role: Role, area: Area | undefined): string {
  if (area === 'adjudicate') {
    return 'Adjudication is the work of a pool’s experts, whatever their role. A manager, or the pool’s manager, can add you to a pool as an expert.';
  }
  if (area === 'pools') return `Pools open to managers and to the managers of a pool; your role is ${role}.`;
  if (role === 'admin') return 'This page is for other roles than an administrator’s.';
  return `This page is not open to your role (${role}). If you need it, ask a manager or an administrator to change your role.`;
}
