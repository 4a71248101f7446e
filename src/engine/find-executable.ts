import { access, constants } from 'node:fs/promises';
import { delimiter, join, isAbsolute, resolve } from 'node:path';

/** Find an executable: an explicit path, or a name searched on PATH. */
export async function findExecutable(nameOrPath: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string | undefined> {
  const candidates = nameOrPath.includes('/')
    ? [isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath)]
    : (env.PATH ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, nameOrPath));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here, keep looking
    }
  }
  return undefined;
}
