/** Quality, QA policy, adjudication and onboarding through the query cache. */
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AdjudicationEntry, ItemState, MyGold, OnboardingStatus, QaPolicy, Qualification, Quality, Stages } from './quality-types.ts';
import type { Annotation, QueueCount, QueuePage } from './types.ts';

export const qualityQuery = (projectId: number) =>
  queryOptions({ queryKey: ['projects', projectId, 'quality'], queryFn: () => api<Quality>('GET', `/api/v1/projects/${projectId}/quality`), staleTime: 60_000 });

export const stagesQuery = (projectId: number) =>
  queryOptions({ queryKey: ['projects', projectId, 'stages'], queryFn: () => api<Stages>('GET', `/api/v1/projects/${projectId}/stages`), staleTime: 30_000 });

export const qaPolicyQuery = (projectId: number) =>
  queryOptions({ queryKey: ['projects', projectId, 'qa-policy'], queryFn: () => api<QaPolicy>('GET', `/api/v1/projects/${projectId}/qa-policy`) });

export const adjudicationQueueQuery = (projectId: number, limit = 50) =>
  queryOptions({
    queryKey: ['projects', projectId, 'adjudication-queue', limit],
    queryFn: () => api<QueuePage<AdjudicationEntry>>('GET', `/api/v1/projects/${projectId}/adjudication-queue?limit=${limit}`),
    staleTime: 0,
  });

/** Where one item stands: its stage, consensus, and why it went to the experts. */
export const itemStateQuery = (itemId: number) =>
  queryOptions({ queryKey: ['items', itemId, 'state'], queryFn: () => api<ItemState>('GET', `/api/v1/items/${itemId}/state`) });

/** For the adjudication index: a count, without reading the items. */
export const adjudicationQueueCountQuery = (projectId: number, limit = 100) =>
  queryOptions({
    queryKey: ['projects', projectId, 'adjudication-queue', 'count', limit],
    queryFn: () => api<QueueCount>('GET', `/api/v1/projects/${projectId}/adjudication-queue/count?limit=${limit}`),
    staleTime: 0,
  });

export const itemAnnotationsQuery = (itemId: number) =>
  queryOptions({
    queryKey: ['items', itemId, 'annotations'],
    queryFn: async () => (await api<{ annotations: Annotation[] }>('GET', `/api/v1/items/${itemId}/annotations`)).annotations,
    staleTime: 0,
  });

export const myGoldQuery = queryOptions({
  queryKey: ['me', 'gold'],
  queryFn: async () => (await api<{ projects: MyGold[] }>('GET', '/api/v1/me/gold')).projects,
  staleTime: 0,
});

export const onboardingQuery = (projectId: number) =>
  queryOptions({ queryKey: ['projects', projectId, 'onboarding'], queryFn: () => api<OnboardingStatus>('GET', `/api/v1/projects/${projectId}/onboarding`), staleTime: 0 });

export const qualificationQuery = (projectId: number) =>
  queryOptions({ queryKey: ['projects', projectId, 'qualification'], queryFn: () => api<Qualification>('GET', `/api/v1/projects/${projectId}/qualification`) });
