import neo4j, { type Integer } from 'neo4j-driver';
import { KIND_LABEL_SET, LINK_ENDS, NODE_IDENTITY } from '../graph/queries/backup.js';
import { ENTITY_KINDS, KIND_LABELS } from '../graph/vocabulary.js';

/**
 * The backup file format (documented in the README, "Backups"). JSON Lines, UTF-8:
 *
 *   line 1      {"format":"backend-knowledge-graph-backup","version":1,"exportedAt":"<ISO time>"}
 *   then        {"t":"node","labels":["Entity","Language"],"props":{...}}      every node first,
 *   then        {"t":"link","type":"USES","from":["Entity","backend-developer"],"to":["Entity","node-js"],"props":{...}}
 *   last line   {"t":"end","nodes":<count>,"links":<count>}                    so a cut file is caught
 *
 * A node is named by its identity label and property (NODE_IDENTITY: an entity by `key`, a
 * change by `id`); links name their ends that way. Property values are JSON strings, booleans,
 * integers (whole JSON numbers, or {"$int":"<digits>"} beyond 2^53), floats ({"$float":<number>}
 * or "NaN"/"Infinity"/"-Infinity", tagged so 2.0 stays a float) and lists of one of those.
 * Readers refuse versions they do not know; a change that old readers would misread bumps it.
 */

export const FORMAT_NAME = 'backend-knowledge-graph-backup';
export const FORMAT_VERSION = 1;
export const SUPPORTED_VERSIONS: readonly number[] = [FORMAT_VERSION];

export interface Header {
  format: typeof FORMAT_NAME;
  version: number;
  exportedAt: string;
}

type Float = { $float: number | 'NaN' | 'Infinity' | '-Infinity' };
export type EncodedScalar = string | boolean | number | { $int: string } | Float;
export type EncodedValue = EncodedScalar | EncodedScalar[];
export type EncodedProps = Record<string, EncodedValue>;

/** `[label, id]`: how a link names one of its ends. */
export type NodeRef = [string, string];

export type Entry =
  | { t: 'node'; labels: string[]; props: EncodedProps }
  | { t: 'link'; type: string; from: NodeRef; to: NodeRef; props: EncodedProps }
  | { t: 'end'; nodes: number; links: number };

/** A driver value ready to be sent as a parameter: integers as neo4j Integers, floats as numbers. */
export type DriverValue = string | boolean | number | Integer | DriverValue[];

export const refKey = ([label, id]: NodeRef) => `${label}:${id}`;

// ---- Encoding (export): a typed property from Cypher's valueType() to its JSON form ----

const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

function encodeInteger(digits: string): EncodedScalar {
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : { $int: digits };
}

function encodeFloat(value: number): Float {
  if (Number.isNaN(value)) return { $float: 'NaN' };
  if (!Number.isFinite(value)) return { $float: value > 0 ? 'Infinity' : '-Infinity' };
  return { $float: value };
}

const SCALAR_ENCODERS: Record<string, (value: unknown) => EncodedScalar | undefined> = {
  STRING: (value) => (typeof value === 'string' ? value : undefined),
  BOOLEAN: (value) => (typeof value === 'boolean' ? value : undefined),
  INTEGER: (value) => (typeof value === 'string' ? encodeInteger(value) : undefined),
  FLOAT: (value) => (typeof value === 'number' ? encodeFloat(value) : undefined),
};

/**
 * `valueType` is Cypher's name for the value's type ("INTEGER NOT NULL",
 * "LIST<STRING NOT NULL> NOT NULL"); integers arrive as strings (see queries/backup.ts).
 * Returns undefined for a type this format version cannot carry (temporal, spatial, bytes).
 */
export function encodeProperty(valueType: string, value: unknown): EncodedValue | undefined {
  const type = valueType.replaceAll(' NOT NULL', '');
  const list = /^LIST<(.+)>$/.exec(type);
  if (!list) return SCALAR_ENCODERS[type]?.(value);
  if (!Array.isArray(value)) return undefined;
  if (list[1] === 'NOTHING') return value.length === 0 ? [] : undefined;
  const encode = SCALAR_ENCODERS[list[1] as string];
  if (!encode) return undefined;
  const items = value.map(encode);
  return items.every((item) => item !== undefined) ? (items as EncodedScalar[]) : undefined;
}

// ---- Decoding (import): JSON form to driver value, or a problem ----

type Decoded = { kind: 'string' | 'boolean' | 'integer' | 'float'; value: DriverValue } | string;

function decodeScalar(value: unknown): Decoded {
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') {
    return Number.isSafeInteger(value)
      ? { kind: 'integer', value: neo4j.int(value) }
      : `${value} is not a whole number within ±2^53 (floats are written {"$float": ...}, larger integers {"$int": "..."})`;
  }
  if (isPlainObject(value) && Object.keys(value).length === 1) {
    if ('$int' in value) return decodeBigInteger(value.$int);
    if ('$float' in value) return decodeFloat(value.$float);
  }
  return `${JSON.stringify(value)} is not a value this format carries`;
}

function decodeBigInteger(digits: unknown): Decoded {
  if (typeof digits !== 'string' || !/^-?\d+$/.test(digits)) return `{"$int": ${JSON.stringify(digits)}} must hold decimal digits`;
  const big = BigInt(digits);
  if (big < INT_MIN || big > INT_MAX) return `{"$int": "${digits}"} does not fit a 64-bit integer`;
  return { kind: 'integer', value: neo4j.int(digits) };
}

function decodeFloat(value: unknown): Decoded {
  if (typeof value === 'number') return { kind: 'float', value };
  const special: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };
  return typeof value === 'string' && Object.hasOwn(special, value)
    ? { kind: 'float', value: special[value] as number }
    : `{"$float": ${JSON.stringify(value)}} must hold a number, "NaN", "Infinity" or "-Infinity"`;
}

/** A property value: a scalar, or a list whose items share one kind (Neo4j stores no mixed lists). */
function decodeValue(value: unknown): { value: DriverValue } | { problem: string } {
  if (!Array.isArray(value)) {
    const scalar = decodeScalar(value);
    return typeof scalar === 'string' ? { problem: scalar } : { value: scalar.value };
  }
  const items = value.map(decodeScalar);
  const problem = items.find((item) => typeof item === 'string');
  if (problem !== undefined) return { problem: `a list item: ${problem as string}` };
  const kinds = new Set(items.map((item) => (item as Exclude<Decoded, string>).kind));
  if (kinds.size > 1) return { problem: `a list mixes ${[...kinds].join(' and ')} items` };
  return { value: items.map((item) => (item as Exclude<Decoded, string>).value) };
}

/** The props of an entry as driver values, or the first problem found (a string). */
export function decodeProps(props: unknown): { props: Record<string, DriverValue> } | { problem: string } {
  if (!isPlainObject(props)) return { problem: '"props" must be an object' };
  const decoded: Record<string, DriverValue> = {};
  for (const [key, value] of Object.entries(props)) {
    const result = decodeValue(value);
    if ('problem' in result) return { problem: `property "${key}": ${result.problem}` };
    decoded[key] = result.value;
  }
  return { props: decoded };
}

// ---- Entries: shape and vocabulary checks shared by the export, the validator and the import ----

export interface CheckedNode {
  identityLabel: string;
  id: string;
  /** The kind label of an entity; empty for other nodes. */
  extraLabels: string[];
  props: Record<string, DriverValue>;
}

export interface CheckedLink {
  type: string;
  from: NodeRef;
  to: NodeRef;
  props: Record<string, DriverValue>;
}

/** A problem, with how to name the entry in the message when its key could be read. */
export interface EntryProblem {
  problem: string;
  name?: string;
}

export function checkNode(entry: Record<string, unknown>): CheckedNode | EntryProblem {
  const { labels, props } = entry;
  if (!Array.isArray(labels) || !labels.every((label) => typeof label === 'string'))
    return { problem: '"labels" must be a list of strings' };
  const identityLabels = labels.filter((label) => Object.hasOwn(NODE_IDENTITY, label));
  if (identityLabels.length !== 1) {
    return { problem: `labels ${JSON.stringify(labels)} must include exactly one of ${Object.keys(NODE_IDENTITY).join(', ')}` };
  }
  const identityLabel = identityLabels[0] as string;
  const id = isPlainObject(props) ? props[NODE_IDENTITY[identityLabel] as string] : undefined;
  if (typeof id !== 'string' || id === '')
    return { problem: `a ${identityLabel} needs a non-empty string "${NODE_IDENTITY[identityLabel]}"` };
  const name = `node ${identityLabel} '${id}'`;
  const extraLabels = labels.filter((label) => label !== identityLabel);
  const labelProblem = checkExtraLabels(identityLabel, extraLabels, (props as Record<string, unknown>).kind);
  if (labelProblem) return { problem: labelProblem, name };
  const decoded = decodeProps(props);
  if ('problem' in decoded) return { problem: decoded.problem, name };
  return { identityLabel, id, extraLabels, props: decoded.props };
}

/** An entity carries exactly its kind's label; other nodes carry no label but their own. */
function checkExtraLabels(identityLabel: string, extraLabels: string[], kind: unknown): string | undefined {
  if (identityLabel !== 'Entity') {
    return extraLabels.length === 0 ? undefined : `unknown label(s) ${extraLabels.join(', ')} on a ${identityLabel}`;
  }
  if (typeof kind !== 'string' || !(ENTITY_KINDS as readonly string[]).includes(kind)) {
    return `unknown entity kind ${JSON.stringify(kind)} (known: ${ENTITY_KINDS.join(', ')})`;
  }
  const expected = KIND_LABELS[kind as keyof typeof KIND_LABELS];
  const unknown = extraLabels.filter((label) => !KIND_LABEL_SET.has(label));
  if (unknown.length > 0) return `unknown label(s) ${unknown.join(', ')}`;
  if (extraLabels.length !== 1 || extraLabels[0] !== expected)
    return `an entity of kind ${kind} carries the labels Entity and ${expected} only`;
  return undefined;
}

export function checkLink(entry: Record<string, unknown>): CheckedLink | EntryProblem {
  const { type, from, to, props } = entry;
  if (typeof type !== 'string') return { problem: '"type" must be a string' };
  if (!isRef(from) || !isRef(to)) return { problem: '"from" and "to" must each be [label, key], two strings' };
  const name = `link ${type} ${refKey(from)} -> ${refKey(to)}`;
  const ends = LINK_ENDS[type];
  if (!Object.hasOwn(LINK_ENDS, type) || !ends) return { problem: `unknown relationship type ${type}`, name };
  if (from[0] !== ends.from || to[0] !== ends.to) return { problem: `a ${type} link goes from a ${ends.from} to a ${ends.to}`, name };
  const decoded = decodeProps(props);
  if ('problem' in decoded) return { problem: decoded.problem, name };
  return { type, from, to, props: decoded.props };
}

const isRef = (value: unknown): value is NodeRef =>
  Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string' && part !== '');

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export const isProblem = (value: object): value is EntryProblem => 'problem' in value;
