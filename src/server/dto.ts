/** Domain objects → the JSON the API sends. Nothing leaves the server that is not mapped here. */
import type { z } from 'zod';
import type { Annotation, Item } from '../core/items.ts';
import type { Project } from '../core/projects.ts';
import type { Task } from '../core/tasks.ts';
import type { User } from '../core/users.ts';
import type { AnnotationDto, ItemDto, ProjectDto, TaskDto, UserDto } from './api-schemas.ts';

const iso = (d: Date): string => d.toISOString();

export function userDto(user: User): z.infer<typeof UserDto> {
  return { id: user.id, email: user.email, name: user.name, role: user.role, disabled: user.disabled, createdAt: iso(user.createdAt) };
}

export function projectDto(p: Project): z.infer<typeof ProjectDto> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    itemKind: p.itemKind,
    overlap: p.overlap,
    leaseSeconds: p.leaseSeconds,
    defaultSensitivity: p.defaultSensitivity,
    defaultRegion: p.defaultRegion,
    schemaVersion: p.schemaVersion,
    guidelinesVersion: p.guidelinesVersion,
    createdAt: iso(p.createdAt),
    archived: p.archived,
    requireGuidelinesAck: p.requireGuidelinesAck,
    qualification: p.qualification,
  };
}

export function itemDto(item: Item): z.infer<typeof ItemDto> {
  return {
    id: item.id,
    projectId: item.projectId,
    externalId: item.externalId,
    kind: item.kind,
    text: item.text,
    mimeType: item.mimeType,
    width: item.width,
    height: item.height,
    metadata: item.metadata,
    sensitivity: item.sensitivity,
    region: item.region,
    language: item.language,
    tags: item.tags,
    edgeCase: item.edgeCase,
    contentUrl: `/api/v1/items/${item.id}/content`,
    thumbnailUrl: item.kind === 'image' ? `/api/v1/items/${item.id}/thumbnail` : null,
    createdAt: iso(item.createdAt),
  };
}

export function taskDto(task: Task): z.infer<typeof TaskDto> {
  return {
    id: task.id,
    projectId: task.projectId,
    itemId: task.itemId,
    stage: task.stage,
    status: task.status,
    priority: task.priority,
    leaseExpiresAt: task.leaseExpiresAt ? iso(task.leaseExpiresAt) : null,
  };
}

export function annotationDto(a: Annotation): z.infer<typeof AnnotationDto> {
  return {
    id: a.id,
    projectId: a.projectId,
    itemId: a.itemId,
    taskId: a.taskId,
    annotatorId: a.annotatorId,
    source: a.source,
    model: a.model,
    confidence: a.confidence,
    schemaVersion: a.schemaVersion,
    guidelinesVersion: a.guidelinesVersion,
    result: a.result,
    timeSpentMs: a.timeSpentMs,
    supersedesId: a.supersedesId,
    createdAt: iso(a.createdAt),
  };
}
