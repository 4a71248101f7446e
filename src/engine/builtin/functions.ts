/**
 * osquery's extra SQL functions, registered on every database the built-in engine opens. `carve` and `sleep`
 * are deliberately absent: one acts on the world, the other stalls the engine.
 */
import type { SqlFunction, SqliteDb } from './sqlite.js';
import { communityId, conditionalToBase64, fromBase64, hashFunction, toBase64 } from './functions/encoding.js';
import { MATH_FUNCTIONS } from './functions/math.js';
import { inCidrBlock } from './functions/network.js';
import { concat, concatWs, inetAton, parentDirectory, regexMatch, regexSplit, split } from './functions/strings.js';
import { versionCompare } from './functions/version.js';

/** name, number of arguments (-1: any), implementation. */
export const OSQUERY_FUNCTIONS: [string, number, SqlFunction][] = [
  ['split', 3, split],
  ['regex_split', 3, regexSplit],
  ['regex_match', 3, regexMatch],
  ['concat', -1, concat],
  ['concat_ws', -1, concatWs],
  ['inet_aton', 1, inetAton],
  ['parent_directory', 1, parentDirectory],
  ['md5', 1, hashFunction('md5')],
  ['sha1', 1, hashFunction('sha1')],
  ['sha256', 1, hashFunction('sha256')],
  ['to_base64', 1, toBase64],
  ['from_base64', 1, fromBase64],
  ['conditional_to_base64', 1, conditionalToBase64],
  ['community_id_v1', 5, communityId(false)],
  ['community_id_v1', 6, communityId(false)],
  ['community_id_v1_strict', 5, communityId(true)],
  ['community_id_v1_strict', 6, communityId(true)],
  ['in_cidr_block', 2, inCidrBlock],
  ['version_compare', 2, versionCompare],
  ['version_compare', 3, versionCompare],
  ...MATH_FUNCTIONS,
];

export function registerOsqueryFunctions(db: SqliteDb): void {
  for (const [name, nArg, fn] of OSQUERY_FUNCTIONS) db.createFunction(name, nArg, fn);
}
