/**
 * File capabilities: the `security.capability` attribute (struct vfs_cap_data / vfs_ns_cap_data, little-endian) read
 * into capability sets and written as libcap's cap_to_text does ("cap_setuid=ep", "cap_net_bind_service,cap_net_admin=ep").
 */

/** capability.h numbering (0..40). */
export const CAPABILITY_NAMES = [
  'chown', 'dac_override', 'dac_read_search', 'fowner', 'fsetid', 'kill', 'setgid', 'setuid', 'setpcap',
  'linux_immutable', 'net_bind_service', 'net_broadcast', 'net_admin', 'net_raw', 'ipc_lock', 'ipc_owner',
  'sys_module', 'sys_rawio', 'sys_chroot', 'sys_ptrace', 'sys_pacct', 'sys_admin', 'sys_boot', 'sys_nice',
  'sys_resource', 'sys_time', 'sys_tty_config', 'mknod', 'lease', 'audit_write', 'audit_control', 'setfcap',
  'mac_override', 'mac_admin', 'syslog', 'wake_alarm', 'block_suspend', 'audit_read', 'perfmon', 'bpf',
  'checkpoint_restore',
] as const;

const REVISION_MASK = 0xff000000;
const REVISION_1 = 0x01000000;
const REVISION_2 = 0x02000000;
const REVISION_3 = 0x03000000;
const FLAG_EFFECTIVE = 0x000001;

export interface FileCapabilities {
  permitted: bigint;
  inheritable: bigint;
  effective: boolean;
  /** Namespace root uid of a version 3 attribute. */
  rootid?: number;
}

/** The sets of a raw attribute; null when it is not a capability attribute of a known revision and size. */
export function decodeCapabilities(raw: Uint8Array): FileCapabilities | null {
  if (raw.length < 4) return null;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const magic = view.getUint32(0, true);
  const revision = (magic & REVISION_MASK) >>> 0;
  const effective = (magic & FLAG_EFFECTIVE) !== 0;
  const word = (i: number): bigint => BigInt(view.getUint32(4 + i * 4, true));
  if (revision === REVISION_1 && raw.length === 12) return { permitted: word(0), inheritable: word(1), effective };
  if ((revision === REVISION_2 && raw.length === 20) || (revision === REVISION_3 && raw.length === 24)) {
    const caps: FileCapabilities = {
      permitted: word(0) | (word(2) << 32n),
      inheritable: word(1) | (word(3) << 32n),
      effective,
    };
    if (revision === REVISION_3) caps.rootid = view.getUint32(20, true);
    return caps;
  }
  return null;
}

const capName = (bit: number): string => (bit < CAPABILITY_NAMES.length ? `cap_${CAPABILITY_NAMES[bit]}` : String(bit));

/** Flag bits as libcap numbers them; text writes them in the order e, i, p. */
const EFFECTIVE = 1;
const INHERITABLE = 2;
const PERMITTED = 4;
const letters = (combo: number): string =>
  `${combo & EFFECTIVE ? 'e' : ''}${combo & INHERITABLE ? 'i' : ''}${combo & PERMITTED ? 'p' : ''}`;

/**
 * Text like libcap's cap_to_text: the most common flag combination over all known capabilities first ("=ep" when it
 * is not empty), then each other combination, highest first, as its capabilities with the flags it adds ("+") and
 * removes ("-"); when the common combination is empty the first clause says "=" instead.
 */
export function capabilitiesText(caps: FileCapabilities): string {
  const bits = Math.max(CAPABILITY_NAMES.length, 64 - clz64(caps.permitted | caps.inheritable));
  const combos: number[] = [];
  for (let bit = 0; bit < bits; bit++) {
    const mask = 1n << BigInt(bit);
    const p = (caps.permitted & mask) !== 0n;
    const i = (caps.inheritable & mask) !== 0n;
    // The effective bit makes every permitted and inheritable capability effective at exec.
    const e = caps.effective && (p || i);
    combos.push((e ? EFFECTIVE : 0) | (i ? INHERITABLE : 0) | (p ? PERMITTED : 0));
  }
  const histogram = new Array<number>(8).fill(0);
  for (const c of combos.slice(0, CAPABILITY_NAMES.length)) histogram[c] = (histogram[c] ?? 0) + 1;
  let common = 7;
  for (let t = 7; t-- > 0; ) if ((histogram[t] ?? 0) > (histogram[common] ?? 0)) common = t;
  const clauses: string[] = common !== 0 ? [`=${letters(common)}`] : [];
  for (let t = 8; t-- > 0; ) {
    if (t === common) continue;
    const names = combos.flatMap((c, bit) => (c === t ? [capName(bit)] : []));
    if (names.length === 0) continue;
    let clause = names.join(',');
    if (common === 0 && clauses.length === 0) {
      clause += `=${letters(t)}`;
    } else {
      const added = t & ~common;
      const removed = common & ~t;
      if (added) clause += `+${letters(added)}`;
      if (removed) clause += `-${letters(removed)}`;
    }
    clauses.push(clause);
  }
  return clauses.join(' ');
}

function clz64(value: bigint): number {
  let n = 64;
  for (let v = value; v > 0n; v >>= 1n) n--;
  return n;
}
