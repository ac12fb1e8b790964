import assert from 'node:assert/strict';
import { it } from 'node:test';
import { IMPORT_FORMATS } from '../../../src/formats/format-registry.ts';
import { importFormatNamed } from '../../../src/services/annotation-import-setup.ts';
import { annotationFileKind, annotationFormats, annotationImportForm, modelProblem } from './import-choice.ts';

it('offers only formats the import-jobs API reads, each of them for some kind of item', () => {
  const offered = new Set([...annotationFormats('image'), ...annotationFormats('text')].map((f) => f.name));
  for (const name of offered) assert.doesNotThrow(() => importFormatNamed(name), name);
  for (const f of IMPORT_FORMATS) assert.ok(offered.has(f.name === 'jsonl' ? 'atelier-jsonl' : f.name), `${f.name} is offered`);
  assert.deepEqual(annotationFormats('text').map((f) => f.name).includes('coco'), false);
  for (const f of [...annotationFormats('image'), ...annotationFormats('text')]) assert.equal(f.folder, importFormatNamed(f.name).source === 'directory', f.name);
});

it('tells an Atelier annotation line from an item line', () => {
  assert.equal(annotationFileKind('{"item":{"kind":"image","externalId":"a.png"},"annotations":[],"consensus":null}'), 'atelier-jsonl');
  assert.equal(annotationFileKind('{"id":"a","url":"a.png"}'), null);
  assert.equal(annotationFileKind('{"image":"a.png","predictions":[]}'), 'predictions');
  assert.equal(annotationFileKind('not json'), null);
});

it('sends the predictions model, and the files by their path inside a dataset folder', () => {
  assert.notEqual(modelProblem(''), null);
  assert.notEqual(modelProblem('yolov8@'), null);
  assert.equal(modelProblem('yolov8@2024-05'), null);
  const file = new File(['x'], 'a.txt');
  Object.defineProperty(file, 'webkitRelativePath', { value: 'ds/labels/a.txt' });
  const form = annotationImportForm({ format: 'yolo', as: 'predictions', model: ' yolo@1 ', skipInvalid: true, skipUnsupported: false }, [file], []);
  assert.deepEqual([form.get('format'), form.get('as'), form.get('model'), form.get('skipInvalid'), form.get('skipUnsupported')], ['yolo', 'predictions', 'yolo@1', 'true', null]);
  assert.equal((form.get('files') as File).name, 'ds/labels/a.txt');
});
