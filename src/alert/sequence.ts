/**
 * EQL sequence alerts: Elastic writes one shell alert plus one building-block alert per matched event, tied
 * by a shared group id. The shell keeps only fields common to its events, so values a guide needs
 * (file.path, user.name) may sit only on the building blocks; folding them back gives the responder one alert.
 */

import type { Alert } from './types.js';
import { copyFields } from './flatten.js';
import { hostFrom, timestampFrom } from './normalise.js';

const BUILDING_BLOCK_KEYS = ['kibana.alert.building_block_type', 'signal.rule.building_block_type'];
const GROUP_ID_KEYS = ['kibana.alert.group.id', 'signal.group.id'];
const GROUP_INDEX_KEYS = ['kibana.alert.group.index', 'signal.group.index'];

/** Alert bookkeeping that describes the block itself, never the sequence; not copied onto the shell. */
function isAlertMetadata(key: string): boolean {
  return key.startsWith('kibana.') || key.startsWith('signal.');
}

function values(alert: Alert, keys: readonly string[]): string[] {
  return keys.flatMap((key) => alert.fields[key] ?? []).filter((v) => v.trim() !== '');
}

export function isBuildingBlock(alert: Alert): boolean {
  return values(alert, BUILDING_BLOCK_KEYS).length > 0;
}

function groupIndex(alert: Alert): number {
  const n = Number(values(alert, GROUP_INDEX_KEYS)[0]);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

function fold(shell: Alert, blocks: Alert[]): Alert {
  const ordered = blocks
    .map((block, order) => ({ block, order }))
    .sort((a, b) => groupIndex(a.block) - groupIndex(b.block) || a.order - b.order)
    .map((entry) => entry.block);
  const fields = copyFields(shell.fields);
  const ownKeys = new Set(Object.keys(fields));
  for (const block of ordered) {
    for (const [key, list] of Object.entries(block.fields)) {
      if (ownKeys.has(key) || isAlertMetadata(key)) continue;
      const merged = fields[key] ?? [];
      for (const value of list) if (!merged.includes(value)) merged.push(value);
      fields[key] = merged;
    }
  }
  const merged: Alert = { ...shell, fields, buildingBlocks: [...shell.buildingBlocks, ...ordered] };
  const host = shell.host ?? hostFrom(fields);
  const timestamp = shell.timestamp ?? timestampFrom(fields);
  if (host !== undefined) merged.host = host;
  if (timestamp !== undefined) merged.timestamp = timestamp;
  return merged;
}

export interface FoldedAlert {
  alert: Alert;
  /** Index in the input of the alert this one stands for (the shell, for a folded sequence). */
  index: number;
}

/** Folds building blocks into their shell alert; blocks whose shell is absent stay as alerts of their own. */
export function foldSequences(alerts: Alert[]): FoldedAlert[] {
  const shells = new Map<string, number>();
  alerts.forEach((alert, i) => {
    if (isBuildingBlock(alert)) return;
    for (const key of [...values(alert, GROUP_ID_KEYS), alert.id]) if (!shells.has(key)) shells.set(key, i);
  });
  const blocksOf = new Map<number, Alert[]>();
  const folded = new Set<number>();
  alerts.forEach((alert, i) => {
    if (!isBuildingBlock(alert)) return;
    const shell = values(alert, GROUP_ID_KEYS).map((g) => shells.get(g)).find((s) => s !== undefined);
    if (shell === undefined) return;
    const list = blocksOf.get(shell);
    if (list === undefined) blocksOf.set(shell, [alert]);
    else list.push(alert);
    folded.add(i);
  });
  const out: FoldedAlert[] = [];
  alerts.forEach((alert, i) => {
    if (folded.has(i)) return;
    const blocks = blocksOf.get(i);
    out.push({ alert: blocks === undefined ? alert : fold(alert, blocks), index: i });
  });
  return out;
}
