import type { TableSpec } from '../../table.js';
import { groupsTable, usersTable } from './accounts.js';
import { authorizedKeysTable } from './authorized-keys.js';
import { crontabTable } from './crontab.js';
import { extendedAttributesTable } from './extended-attributes.js';
import { fileTable } from './file.js';
import { hashTable } from './hash.js';
import { osVersionTable } from './os-version.js';
import { shellHistoryTable } from './shell-history.js';
import { suidBinTable } from './suid-bin.js';
import { lastTable, loggedInUsersTable } from './utmp.js';

/** The built-in engine's tables read from files of the triaged system (live host or mounted image). */
export const fileTables: TableSpec[] = [
  usersTable,
  groupsTable,
  crontabTable,
  loggedInUsersTable,
  lastTable,
  shellHistoryTable,
  authorizedKeysTable,
  suidBinTable,
  osVersionTable,
  fileTable,
  hashTable,
  extendedAttributesTable,
];
