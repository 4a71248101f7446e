/** system_info: host identity, CPU and memory figures, and the DMI strings the kernel exposes. */
import { cpus, hostname as gethostname, machine, totalmem } from 'node:os';
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { readText } from './procfs.js';
import { fields, trimAscii } from './values.js';

const columns: Column[] = [
  { name: 'hostname', type: 'TEXT' },
  { name: 'uuid', type: 'TEXT' },
  { name: 'cpu_type', type: 'TEXT' },
  { name: 'cpu_subtype', type: 'TEXT' },
  { name: 'cpu_brand', type: 'TEXT' },
  { name: 'cpu_physical_cores', type: 'INTEGER' },
  { name: 'cpu_logical_cores', type: 'INTEGER' },
  { name: 'cpu_sockets', type: 'INTEGER' },
  { name: 'cpu_microcode', type: 'TEXT' },
  { name: 'physical_memory', type: 'BIGINT' },
  { name: 'hardware_vendor', type: 'TEXT' },
  { name: 'hardware_model', type: 'TEXT' },
  { name: 'hardware_version', type: 'TEXT' },
  { name: 'hardware_serial', type: 'TEXT' },
  { name: 'board_vendor', type: 'TEXT' },
  { name: 'board_model', type: 'TEXT' },
  { name: 'board_version', type: 'TEXT' },
  { name: 'board_serial', type: 'TEXT' },
  { name: 'computer_name', type: 'TEXT' },
  { name: 'local_hostname', type: 'TEXT' },
];

/** CPUs the kernel has online, from a list like "0-3,8-11". */
export function countCpuList(list: string): number | null {
  let count = 0;
  for (const range of trimAscii(list).split(',')) {
    const match = /^([0-9]+)(?:-([0-9]+))?$/.exec(range);
    if (match === null) return null;
    count += (match[2] === undefined ? 0 : Number(match[2]) - Number(match[1])) + 1;
  }
  return count > 0 ? count : null;
}

export interface CpuFacts {
  subtype: string;
  brand: string | null;
  microcode: string | null;
  siblings: number | null;
  /** Distinct (physical id, core id) pairs; null when /proc/cpuinfo does not have them. */
  physicalCores: number | null;
}

/** /proc/cpuinfo: "key\t: value" lines; where CPUs differ, the last one listed wins, as in osquery. */
export function parseCpuinfo(content: string): CpuFacts {
  const facts: CpuFacts = { subtype: '0', brand: null, microcode: null, siblings: null, physicalCores: null };
  const cores = new Set<string>();
  let physicalId = '0';
  let wellFormed = true;
  for (const line of content.split('\n')) {
    if (line === '') continue;
    const parts = line.split(':');
    if (parts.length !== 2) {
      wellFormed = false;
      continue;
    }
    const key = trimAscii(parts[0] as string);
    const value = trimAscii(parts[1] as string);
    if (line.startsWith('model\t')) facts.subtype = value;
    else if (key === 'model name' && facts.brand === null) facts.brand = value;
    else if (line.startsWith('microcode')) facts.microcode = value;
    else if (line.startsWith('siblings') && /^[0-9]+$/.test(value)) facts.siblings = Number(value);
    else if (key === 'physical id') physicalId = value;
    else if (key === 'core id') cores.add(`${physicalId}/${value}`);
  }
  facts.physicalCores = wellFormed && cores.size > 0 ? cores.size : null;
  return facts;
}

/**
 * The name getaddrinfo(AI_CANONNAME) gives through /etc/hosts: the official (first) name of the first line that
 * lists this host. Without such a line the short name stands (no DNS query leaves a host under triage).
 */
export function canonicalHostname(name: string, hosts: string | null): string {
  for (const line of (hosts ?? '').split('\n')) {
    const names = fields(line.replace(/#.*/, '')).slice(1);
    if (names.some((n) => n.toLowerCase() === name.toLowerCase())) return names[0] as string;
  }
  return name;
}

const DMI = '/sys/class/dmi/id';
const DMI_FIELDS = [
  ['hardware_vendor', 'sys_vendor'],
  ['hardware_model', 'product_name'],
  ['hardware_version', 'product_version'],
  ['hardware_serial', 'product_serial'],
  ['board_vendor', 'board_vendor'],
  ['board_model', 'board_name'],
  ['board_version', 'board_version'],
  ['board_serial', 'board_serial'],
] as const;

async function generate(ctx: TableContext): Promise<TableRow[]> {
  const read = (path: string): Promise<string | null> => readText(ctx.hostPath(path));
  const [cpuinfo, online, hosts, uuid, ...dmi] = await Promise.all([
    read('/proc/cpuinfo'),
    read('/sys/devices/system/cpu/online'),
    read('/etc/hosts'),
    read(`${DMI}/product_uuid`),
    ...DMI_FIELDS.map(([, file]) => read(`${DMI}/${file}`)),
  ]);
  const cpu = parseCpuinfo(cpuinfo ?? '');
  const logical = (online === null ? null : countCpuList(online)) ?? (cpus().length || -1);
  const shortName = gethostname();
  const fqdn = canonicalHostname(shortName, hosts);

  const row: TableRow = {
    hostname: fqdn,
    uuid: uuid === null ? '' : trimAscii(uuid),
    cpu_type: machine(),
    cpu_subtype: cpu.subtype,
    // osquery reads the brand from cpuid, which only its x86_64 build does; the kernel shows the same string.
    cpu_brand: machine() === 'x86_64' ? cpu.brand : null,
    cpu_physical_cores: cpu.physicalCores ?? logical,
    cpu_logical_cores: logical,
    cpu_sockets: cpu.siblings && logical > 0 ? Math.floor(logical / cpu.siblings) : null,
    cpu_microcode: cpu.microcode,
    physical_memory: totalmem() || -1,
    computer_name: shortName,
    local_hostname: fqdn,
  };
  DMI_FIELDS.forEach(([column], index) => {
    const value = dmi[index];
    row[column] = value === null || value === undefined ? null : trimAscii(value);
  });
  // Without DMI at all osquery still sets an empty model.
  if (dmi.every((value) => value === null)) row.hardware_model = '';
  return [row];
}

export const systemInfoTable: TableSpec = { name: 'system_info', columns, liveOnly: true, generate };
