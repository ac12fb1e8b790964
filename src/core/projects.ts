import type { ItemKind, LabelSchema } from './label-schema.ts';
import type { QaPolicy } from './quality/qa-policy.ts';
import type { Sensitivity } from './workforce.ts';

export interface Project {
  id: number;
  name: string;
  description: string;
  itemKind: ItemKind;
  /** Annotators per item (k). */
  overlap: number;
  /** A claimed task not submitted within this many seconds goes back to the queue. */
  leaseSeconds: number;
  defaultSensitivity: Sensitivity;
  defaultRegion: string | null;
  schemaVersion: number;
  guidelinesVersion: number;
  createdAt: Date;
  archived: boolean;
  /** Annotators acknowledge each new guidelines version before their next task. */
  requireGuidelinesAck: boolean;
  /** Pool members of these kinds pass this qualification before real tasks. */
  qualification: Qualification | null;
  /** The QA policy in force (the defaults where the project says nothing). */
  qaPolicy: QaPolicy;
}

export interface Qualification {
  itemIds: number[];
  /** 0..1: the mean score needed to pass. */
  passMark: number;
  appliesTo: ('in_house' | 'vendor' | 'crowd')[];
}

export interface SchemaVersion {
  projectId: number;
  version: number;
  schema: LabelSchema;
  note: string;
  createdAt: Date;
}

export interface GuidelinesVersion {
  projectId: number;
  version: number;
  body: string;
  note: string;
  createdAt: Date;
}

export interface ProjectProgress {
  items: number;
  tasks: { queued: number; leased: number; done: number; cancelled: number };
  annotations: number;
  /** Items whose every label task is done. */
  itemsComplete: number;
}
