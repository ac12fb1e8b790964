/** Reading fields of parsed JSON records, refusing with the JSON path of the field at fault. */
import { jsonPath, refuse } from './issues.ts';
import { isFiniteNumber } from './numbers.ts';

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(path || '$', 'must be an object');
  return value as JsonObject;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw refuse(path || '$', 'must be a list');
  return value;
}

export function requiredNumber(obj: JsonObject, key: string, path: string): number {
  const value = obj[key];
  if (!isFiniteNumber(value)) throw refuse(jsonPath(path, key), value === undefined ? 'is missing' : 'must be a number');
  return value;
}

export function requiredInteger(obj: JsonObject, key: string, path: string): number {
  const value = requiredNumber(obj, key, path);
  if (!Number.isInteger(value)) throw refuse(jsonPath(path, key), 'must be a whole number');
  return value;
}

export function positiveNumber(obj: JsonObject, key: string, path: string): number {
  const value = requiredNumber(obj, key, path);
  if (value <= 0) throw refuse(jsonPath(path, key), 'must be positive');
  return value;
}

export function requiredString(obj: JsonObject, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') {
    throw refuse(jsonPath(path, key), value === undefined ? 'is missing' : 'must be a non-empty string');
  }
  return value;
}

export function optionalString(obj: JsonObject, key: string, path: string): string | null {
  const value = obj[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw refuse(jsonPath(path, key), 'must be a string');
  return value;
}

export function optionalNumber(obj: JsonObject, key: string, path: string): number | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (!isFiniteNumber(value)) throw refuse(jsonPath(path, key), 'must be a number');
  return value;
}

/** A model confidence: a number from 0 to 1. */
export function optionalConfidence(obj: JsonObject, key: string, path: string): number | null {
  const value = optionalNumber(obj, key, path);
  if (value !== null && (value < 0 || value > 1)) throw refuse(jsonPath(path, key), 'must be between 0 and 1');
  return value;
}

/** Ids given as numbers or strings, kept as strings. */
export function optionalId(obj: JsonObject, key: string, path: string): string | null {
  const value = obj[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (isFiniteNumber(value)) return String(value);
  throw refuse(jsonPath(path, key), 'must be a number or a string');
}

/** A list of label names. */
export function labelList(value: unknown, path: string): string[] {
  const list = asArray(value, path);
  return list.map((label, i) => {
    if (typeof label !== 'string' || label === '') throw refuse(jsonPath(path, i), 'must be a label name');
    return label;
  });
}
