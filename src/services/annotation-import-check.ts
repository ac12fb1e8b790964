/** The first pass of an annotation import (import-annotations.ts): every record checked against the schema and its item. */
import { basename } from 'node:path';
import { DomainError, type FieldIssue } from '../core/errors.ts';
import { nulIssue } from '../core/nul-characters.ts';
import type { Project } from '../core/projects.ts';
import type { ImportedItem } from '../formats/records.ts';
import { SchemaMapper, validateImportedItem } from '../formats/schema-mapping.ts';
import { imageFacts } from '../media/images.ts';
import type { Db } from '../store/database.ts';
import type { ImportTargetItem } from '../store/jobs-import-writes.ts';
import { type AnnotationImportInput, batches, isFile, MAX_REPORTED, type Setup, setUp } from './annotation-import-setup.ts';
import { recordKey, resolveTargets } from './jobs/import-matching.ts';
import { storedAnnotations, supersedeConflict } from './jobs/import-rows.ts';

export interface AnnotationImportCheck {
  records: number;
  valid: number;
  rejected: FieldIssue[];
  /** Positions of the records left out. */
  bad: Set<number>;
  warnings: string[];
}

/** What a record's annotations are checked against: the item it names, or the one it brings. */
async function itemFacts(record: ImportedItem, target: ImportTargetItem | null, project: Project, setup: Setup): Promise<{ facts: ImportedItem } | { problem: string }> {
  const facts = { ...record, kind: project.itemKind };
  if (record.kind !== null && record.kind !== project.itemKind) return { problem: `a ${record.kind} record in a project of ${project.itemKind} items` };
  if (target) {
    if (project.itemKind === 'text') {
      if (record.text !== null && record.text !== target.text) return { problem: `its text differs from item ${target.externalId ?? `#${target.id}`}'s` };
      return { facts: { ...facts, text: target.text } };
    }
    if (record.width !== null && target.width !== null && (record.width !== target.width || record.height !== target.height)) {
      return { problem: `the file gives ${record.width}x${record.height}, item ${target.externalId ?? `#${target.id}`} is ${target.width}x${target.height}` };
    }
    return { facts: { ...facts, width: target.width ?? record.width, height: target.height ?? record.height } };
  }
  const name = record.externalId ?? record.fileName ?? (record.text !== null ? 'this text' : null);
  if (project.itemKind === 'text') {
    return record.text !== null ? { facts } : { problem: `no item ${name ?? ''} in the project, and the record holds no text to create it`.replace('  ', ' ') };
  }
  if (record.fileName === null && record.uri === null) return { problem: `no item ${name ?? ''} in the project, and the record names no image to create it`.replace('  ', ' ') };
  const location = await setup.finder.locate(record, isFile);
  if (location.kind === 'missing') return { problem: `no item ${name} in the project, and ${location.reason}` };
  if (location.kind === 'remote') return { facts };
  const image = await imageFacts(location.path).catch((e: Error) => e);
  if (image instanceof Error) return { problem: `${location.path}: ${image.message}` };
  if (record.width !== null && (record.width !== image.width || record.height !== image.height)) {
    return { problem: `the file gives ${record.width}x${record.height}, but ${basename(location.path)} is ${image.width}x${image.height}` };
  }
  return { facts: { ...facts, width: image.width, height: image.height } };
}

/** First pass: every fault, nothing written. */
export async function checkAnnotationImport(db: Db, input: AnnotationImportInput): Promise<AnnotationImportCheck> {
  const setup = await setUp(db, input);
  const mapper = new SchemaMapper(setup.schema, { renames: input.renames });
  const rejected: FieldIssue[] = [];
  const bad = new Set<number>();
  let records = 0;
  for await (const batch of batches(setup, mapper, input)) {
    const targets = await resolveTargets(db, input.project.id, batch.map(recordKey));
    for (const [i, record] of batch.entries()) {
      records++;
      // PostgreSQL cannot store a NUL (core/nul-characters.ts), and every string of a record (text,
      // metadata, labels, e-mails, comments) is stored somewhere: such a record is refused whole, first.
      const nul = nulIssue(record);
      if (nul) {
        bad.add(record.position);
        rejected.push({ path: record.place, message: `${nul.path}: ${nul.message}` });
        continue;
      }
      const problems: FieldIssue[] = [];
      const conflict = supersedeConflict(record);
      if (conflict) problems.push(conflict);
      const found = await itemFacts(record, targets[i]!, input.project, setup);
      if ('problem' in found) problems.push({ path: record.place, message: found.problem });
      else {
        try {
          validateImportedItem({ ...found.facts, annotations: storedAnnotations(found.facts) }, setup.schema);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          problems.push(...(((error.details as { issues?: FieldIssue[] })?.issues ?? [{ path: record.place, message: error.message }])));
        }
      }
      if (problems.length > 0) {
        bad.add(record.position);
        rejected.push(...problems);
      }
    }
    input.onProgress?.({ phase: 'checking', done: records, total: null });
  }
  if (records === 0) throw new DomainError('validation_failed', `${input.path} holds no records`);
  const warnings = mapper.ambiguousLabels().map((a) => `${a.kind} label "${a.label}" is in several controls (${a.controls.join(', ')}); put in ${a.controls[0]}`);
  const unmatched = mapper.unmatchedLabels().map((u) => ({
    path: u.firstPlace,
    message: `${u.kind} label "${u.label}"${u.control ? ` of "${u.control}"` : ''} is not in the schema (${u.count} in all)`,
  }));
  if (input.skipInvalid) warnings.push(...unmatched.map((u) => `${u.path}: ${u.message}; left out`));
  else rejected.push(...unmatched);
  if (rejected.length > 0 && !input.skipInvalid) {
    const first = rejected[0]!;
    throw new DomainError(
      'validation_failed',
      // An upload's path is the server's temporary folder, and a CLI flag is no advice to an uploader.
      `nothing was imported: ${rejected.length} fault${rejected.length > 1 ? 's' : ''} in ${input.uploaded ? basename(input.path) : input.path} (first: ${first.path}: ${first.message}); fix them, or ${input.uploaded ? 'import the rest with skipInvalid (“Import the valid records and skip the invalid”)' : 'import the rest with --skip-invalid'}`,
      { issues: rejected.slice(0, MAX_REPORTED), rejected: rejected.length },
    );
  }
  return { records, valid: records - bad.size, rejected, bad, warnings };
}
