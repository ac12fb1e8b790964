/**
 * Model predictions as JSONL, one item a line:
 * `{"item": "<external id>", "model": {"name": "…", "version": "…"}, "createdAt"?: "…",
 *   "predictions": [{"control": "vehicle", "kind": "bbox", "label": "car", "x": …, "y": …,
 *   "width": …, "height": …, "confidence": 0.92}, {"control": "quality", "kind": "choice",
 *   "label": "good", "confidence": 0.7}, …]}`
 * Regions are `bbox`, `polygon` (`points`) or `span` (`start`, `end`); a `choice` picks a label of
 * a choice control. Every prediction carries its confidence, from 0 to 1.
 */
import { z } from 'zod';
import type { ItemKind } from '../core/label-schema.ts';
import { atLine, refuse } from './issues.ts';
import { checkedJsonLines } from './json-lines.ts';
import { emptyResult, groundTruth, importedItem, type Confidences, type ImportedItem } from './records.ts';
import { boxRegionSchema, modelSchema, polygonRegionSchema, spanRegionSchema } from './result-schema.ts';
import type { ImportSource } from './sources.ts';

const confidence = z.number().min(0).max(1);

const predictionSchema = z.discriminatedUnion('kind', [
  boxRegionSchema.extend({ confidence }),
  polygonRegionSchema.extend({ confidence }),
  spanRegionSchema.extend({ confidence }),
  z.object({ control: z.string(), kind: z.literal('choice'), label: z.string().min(1), confidence }),
]);

const lineSchema = z.object({
  item: z.union([z.string().min(1), z.number().int().transform(String)]),
  model: modelSchema,
  createdAt: z.iso.datetime({ offset: true }).optional(),
  predictions: z.array(predictionSchema),
});

export async function* importPredictions(source: ImportSource): AsyncGenerator<ImportedItem> {
  let position = 0;
  for await (const { value, line } of checkedJsonLines(source, lineSchema)) {
    const { item, model, createdAt, predictions } = value;
    const result = emptyResult();
    const confidences: Confidences = { regions: [], choices: {} };
    let kind: ItemKind | null = null;
    predictions.forEach((p, i) => {
      if (p.kind === 'choice') {
        const labels = (result.choices[p.control] ??= []);
        if (labels.includes(p.label)) throw refuse(atLine(line, `predictions[${i}].label`), `"${p.label}" is predicted twice for "${p.control}"`);
        labels.push(p.label);
        (confidences.choices[p.control] ??= []).push(p.confidence);
        return;
      }
      const { confidence: c, ...region } = p;
      result.regions.push(region);
      confidences.regions.push(c);
      kind = p.kind === 'span' ? 'text' : 'image';
    });
    yield importedItem(++position, {
      place: atLine(line),
      externalId: item,
      kind,
      annotations: [{ ...groundTruth(result), kind: 'prediction', model, confidences, createdAt: createdAt ?? null }],
    });
  }
}
