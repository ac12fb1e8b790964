/** Jobs, exports, webhooks, the audit trail and privacy settings through the query cache. */
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';
import type { ExportRecord, ItemMask, Job, MetadataRules, PrivacySettings, Webhook, WebhookDelivery } from './data-types.ts';

const running = (jobs: Job[] | undefined) => jobs?.some((j) => j.status === 'queued' || j.status === 'running') ?? false;

/** Jobs, refreshed every two seconds while one of them is still going. */
export const jobsQuery = (projectId: number | null) =>
  queryOptions({
    queryKey: ['jobs', projectId],
    queryFn: async () => (await api<{ jobs: Job[] }>('GET', `/api/v1/jobs?limit=50${projectId === null ? '' : `&projectId=${projectId}`}`)).jobs,
    refetchInterval: (query) => (running(query.state.data) ? 2000 : 30_000),
    staleTime: 0,
  });

export const exportsQuery = (projectId: number) =>
  queryOptions({
    queryKey: ['projects', projectId, 'exports'],
    queryFn: async () => (await api<{ exports: ExportRecord[] }>('GET', `/api/v1/projects/${projectId}/exports?limit=20`)).exports,
    refetchInterval: (query) => (query.state.data?.some((e) => e.status === 'pending') ? 2000 : false),
    staleTime: 0,
  });

export const webhooksQuery = (projectId: number) =>
  queryOptions({
    queryKey: ['projects', projectId, 'webhooks'],
    queryFn: async () => (await api<{ webhooks: Webhook[] }>('GET', `/api/v1/projects/${projectId}/webhooks`)).webhooks,
  });

export const deliveriesQuery = (webhookId: number) =>
  queryOptions({
    queryKey: ['webhooks', webhookId, 'deliveries'],
    queryFn: async () => (await api<{ deliveries: WebhookDelivery[] }>('GET', `/api/v1/webhooks/${webhookId}/deliveries?limit=20`)).deliveries,
    refetchInterval: 5000,
    staleTime: 0,
  });

export const privacyQuery = (projectId: number) =>
  queryOptions({ queryKey: ['projects', projectId, 'privacy'], queryFn: () => api<PrivacySettings>('GET', `/api/v1/projects/${projectId}/privacy`) });

export const metadataRulesQuery = (projectId: number) =>
  queryOptions({ queryKey: ['projects', projectId, 'metadata-rules'], queryFn: () => api<MetadataRules>('GET', `/api/v1/projects/${projectId}/metadata-rules`) });

export const masksQuery = (itemId: number) => queryOptions({ queryKey: ['items', itemId, 'masks'], queryFn: () => api<ItemMask>('GET', `/api/v1/items/${itemId}/masks`) });
