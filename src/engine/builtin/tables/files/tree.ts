import { constants, promises as fsp, type BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { TableContext } from '../../table.js';
import { bufferBytes, toBuffer, type Bytes } from './bytes.js';

/** osquery's read_max: files larger than this are not read (50 MiB). */
export const READ_MAX = 50 * 1024 * 1024;
/** Linux gives up after this many symlinks in one lookup (ELOOP). */
const MAX_LINKS = 40;

/** The outcome of a stat: the stats, or the errno code that stopped it. */
export type Probe = { stats: BigIntStats; code: null } | { stats: null; code: string };
type Resolved = { real: Bytes } | { code: string };

const failed = (error: unknown): { stats: null; code: string } => ({ stats: null, code: errorCode(error) });
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/**
 * The triaged system's filesystem, read-only. On a live host paths go to the kernel as they are. On a mounted image
 * every symlink is resolved by us inside the image root, the way a chroot would: an absolute link such as
 * /etc/passwd -> /host/etc/passwd means <root>/host/etc/passwd, never this machine's file, and ".." stops at the root.
 */
export class Tree {
  private readonly prefix: Buffer;
  private readonly dirs = new Map<Bytes, Promise<Resolved>>();

  constructor(ctx: Pick<TableContext, 'hostPath'>) {
    // The image root as bytes, without trailing slashes: empty on a live host.
    const root = Buffer.from(ctx.hostPath('/'), 'utf8');
    let end = root.length;
    while (end > 0 && root[end - 1] === 0x2f) end--;
    this.prefix = root.subarray(0, end);
  }

  get confined(): boolean {
    return this.prefix.length > 0;
  }

  private host(real: Bytes): Buffer {
    return this.confined ? Buffer.concat([this.prefix, toBuffer(real)]) : toBuffer(real);
  }

  /** Resolve `rest` below the already physical `start`; follow a final symlink only when asked. */
  private async walk(start: Bytes, rest: Bytes, followLast: boolean): Promise<Resolved> {
    const pending = rest.split('/').filter((c) => c !== '' && c !== '.').reverse();
    let real = start === '/' ? '' : start;
    let links = 0;
    while (pending.length > 0) {
      const name = pending.pop() as Bytes;
      if (name === '..') {
        real = real.slice(0, real.lastIndexOf('/'));
        continue;
      }
      const next = `${real}/${name}`;
      const last = pending.length === 0;
      if (last && !followLast) return { real: next };
      let stats: BigIntStats;
      try {
        stats = await fsp.lstat(this.host(next), { bigint: true });
      } catch (error) {
        return { code: errorCode(error) };
      }
      if (stats.isSymbolicLink()) {
        if (++links > MAX_LINKS) return { code: 'ELOOP' };
        let target: Bytes;
        try {
          target = bufferBytes(await fsp.readlink(this.host(next), { encoding: 'buffer' }));
        } catch (error) {
          return { code: errorCode(error) };
        }
        if (target.startsWith('/')) real = '';
        pending.push(...target.split('/').filter((c) => c !== '' && c !== '.').reverse());
        continue;
      }
      if (!last && !stats.isDirectory()) return { code: 'ENOTDIR' };
      real = next;
    }
    return { real: real === '' ? '/' : real };
  }

  /** A directory's physical path inside the image (memoised: tables list many entries of few directories). */
  private directory(dir: Bytes): Promise<Resolved> {
    let found = this.dirs.get(dir);
    if (!found) {
      found = this.walk('/', dir, true);
      this.dirs.set(dir, found);
    }
    return found;
  }

  /** Where an absolute path of the triaged system is on this machine. A trailing "/" follows the last link. */
  async locate(path: Bytes, followLast: boolean): Promise<{ host: Buffer } | { code: string }> {
    if (!path.startsWith('/') || path.includes('\0')) return { code: 'ENOENT' };
    if (!this.confined) return { host: toBuffer(path) };
    const cut = path.lastIndexOf('/');
    const name = path.slice(cut + 1);
    let found: Resolved;
    if (name === '' || name === '.' || name === '..') {
      found = await this.directory(path);
    } else {
      const parent = await this.directory(cut === 0 ? '/' : path.slice(0, cut));
      found = 'code' in parent ? parent : await this.walk(parent.real, name, followLast);
    }
    return 'code' in found ? found : { host: this.host(found.real) };
  }

  /** The physical path inside the image (realpath), or null. */
  async canonical(path: Bytes): Promise<Bytes | null> {
    if (!path.startsWith('/') || path.includes('\0')) return null;
    if (!this.confined) {
      try {
        return bufferBytes(await fsp.realpath(toBuffer(path), { encoding: 'buffer' }));
      } catch {
        return null;
      }
    }
    const found = await this.walk('/', path, true);
    return 'code' in found ? null : found.real;
  }

  async lstat(path: Bytes): Promise<Probe> {
    const trailing = path.length > 1 && path.endsWith('/');
    const loc = await this.locate(path, trailing);
    if ('code' in loc) return { stats: null, code: loc.code };
    try {
      const stats = await fsp.lstat(loc.host, { bigint: true });
      if (trailing && !stats.isDirectory()) return { stats: null, code: 'ENOTDIR' };
      return { stats, code: null };
    } catch (error) {
      return failed(error);
    }
  }

  async stat(path: Bytes): Promise<Probe> {
    const loc = await this.locate(path, true);
    if ('code' in loc) return { stats: null, code: loc.code };
    try {
      // Inside an image the path is already resolved: lstat keeps a raced-in link from leaving the root.
      const stats = this.confined
        ? await fsp.lstat(loc.host, { bigint: true })
        : await fsp.stat(loc.host, { bigint: true });
      if (stats.isSymbolicLink()) return { stats: null, code: 'ELOOP' };
      return { stats, code: null };
    } catch (error) {
      return failed(error);
    }
  }

  async isDirectory(path: Bytes): Promise<boolean> {
    return (await this.stat(path)).stats?.isDirectory() ?? false;
  }

  /** Entry names of a directory (following links to it), without "." and "..", in the order the OS gives. */
  async list(dir: Bytes): Promise<Bytes[] | null> {
    const loc = await this.locate(dir, true);
    if ('code' in loc) return null;
    try {
      const names = await fsp.readdir(loc.host, { encoding: 'buffer' });
      return names.map(bufferBytes);
    } catch {
      return null;
    }
  }

  async readlink(path: Bytes): Promise<Bytes | null> {
    const loc = await this.locate(path, false);
    if ('code' in loc) return null;
    try {
      return bufferBytes(await fsp.readlink(loc.host, { encoding: 'buffer' }));
    } catch {
      return null;
    }
  }

  /**
   * Open a regular file for reading (following links). Never blocks on a fifo or a device: opened non-blocking and
   * refused unless fstat says regular file.
   */
  async openRegular(path: Bytes): Promise<{ handle: FileHandle; size: bigint } | null> {
    const loc = await this.locate(path, true);
    if ('code' in loc) return null;
    const flags =
      constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (this.confined ? constants.O_NOFOLLOW : 0);
    let handle: FileHandle;
    try {
      handle = await fsp.open(loc.host, flags);
    } catch {
      return null;
    }
    try {
      const stats = await handle.stat({ bigint: true });
      if (stats.isFile()) return { handle, size: stats.size };
    } catch {
      // fall through: closed below
    }
    await handle.close().catch(() => undefined);
    return null;
  }

  /** A whole regular file as bytes, or null when missing, unreadable, not regular, or over `max` bytes. */
  async readFile(path: Bytes, max = READ_MAX): Promise<Bytes | null> {
    const file = await this.openRegular(path);
    if (!file) return null;
    try {
      if (file.size > BigInt(max)) return null;
      const chunks: Buffer[] = [];
      const block = Buffer.alloc(65536);
      let total = 0;
      for (;;) {
        const { bytesRead } = await file.handle.read(block, 0, block.length, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > max) return null;
        chunks.push(Buffer.from(block.subarray(0, bytesRead)));
      }
      return bufferBytes(Buffer.concat(chunks));
    } catch {
      return null;
    } finally {
      await file.handle.close().catch(() => undefined);
    }
  }
}
