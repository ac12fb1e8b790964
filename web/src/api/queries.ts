/** Server state through the query cache: one key per resource, shared by every screen. */
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';
import { ApiError } from './errors.ts';
import type {
  FeedbackEntry,
  GuidelinesVersion,
  Progress,
  Project,
  Queue,
  QueueCount,
  QueuePage,
  ReviewQueueEntry,
  SchemaVersion,
  TimelineDay,
  User,
} from './types.ts';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<User | null> => {
    try {
      return (await api<{ user: User }>('GET', '/api/v1/auth/me')).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export const projectsQuery = queryOptions({
  queryKey: ['projects'],
  queryFn: async () => (await api<{ projects: Project[] }>('GET', '/api/v1/projects')).projects,
});

export const projectQuery = (id: number) =>
  queryOptions({ queryKey: ['projects', id], queryFn: () => api<Project>('GET', `/api/v1/projects/${id}`) });

export const queuesQuery = queryOptions({
  queryKey: ['me', 'queues'],
  queryFn: async () => (await api<{ queues: Queue[] }>('GET', '/api/v1/me/queues')).queues,
  staleTime: 0,
});

export const feedbackQuery = queryOptions({
  queryKey: ['me', 'feedback'],
  queryFn: async () => (await api<{ feedback: FeedbackEntry[] }>('GET', '/api/v1/me/feedback')).feedback,
  staleTime: 0,
});

/** Schema and guidelines versions never change once recorded: cached for the page's life. */
export const schemaVersionQuery = (projectId: number, version: number) =>
  queryOptions({
    queryKey: ['projects', projectId, 'schema', version],
    queryFn: () => api<SchemaVersion>('GET', `/api/v1/projects/${projectId}/schema-versions/${version}`),
    staleTime: Infinity,
  });

export const guidelinesVersionQuery = (projectId: number, version: number) =>
  queryOptions({
    queryKey: ['projects', projectId, 'guidelines', version],
    queryFn: () => api<GuidelinesVersion>('GET', `/api/v1/projects/${projectId}/guidelines-versions/${version}`),
    staleTime: Infinity,
  });

export const schemaVersionsQuery = (projectId: number) =>
  queryOptions({
    queryKey: ['projects', projectId, 'schema'],
    queryFn: async () => (await api<{ versions: SchemaVersion[] }>('GET', `/api/v1/projects/${projectId}/schema-versions`)).versions,
  });

export const guidelinesVersionsQuery = (projectId: number) =>
  queryOptions({
    queryKey: ['projects', projectId, 'guidelines'],
    queryFn: async () => (await api<{ versions: GuidelinesVersion[] }>('GET', `/api/v1/projects/${projectId}/guidelines-versions`)).versions,
  });

export const progressQuery = (projectId: number) =>
  queryOptions({
    queryKey: ['projects', projectId, 'progress'],
    queryFn: () => api<Progress>('GET', `/api/v1/projects/${projectId}/progress`),
    refetchInterval: 15_000,
    staleTime: 0,
  });

export const timelineQuery = (projectId: number, days: number) =>
  queryOptions({
    queryKey: ['projects', projectId, 'timeline', days],
    queryFn: async () => (await api<{ days: TimelineDay[] }>('GET', `/api/v1/projects/${projectId}/timeline?days=${days}`)).days,
    staleTime: 0,
  });

export const reviewQueueQuery = (projectId: number, limit = 20) =>
  queryOptions({
    queryKey: ['projects', projectId, 'review-queue', limit],
    queryFn: () => api<QueuePage<ReviewQueueEntry>>('GET', `/api/v1/projects/${projectId}/review-queue?limit=${limit}`),
    staleTime: 0,
  });

/** For the review index: a count, without reading the items. */
export const reviewQueueCountQuery = (projectId: number, limit = 100) =>
  queryOptions({
    queryKey: ['projects', projectId, 'review-queue', 'count', limit],
    queryFn: () => api<QueueCount>('GET', `/api/v1/projects/${projectId}/review-queue/count?limit=${limit}`),
    staleTime: 0,
  });

export const usersQuery = queryOptions({
  queryKey: ['users'],
  queryFn: async () => (await api<{ users: User[] }>('GET', '/api/v1/users')).users,
});
