import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOsqueryFunctions } from '../../../src/engine/builtin/functions.js';
import { loadSqlite, SqliteError, type SqliteDb } from '../../../src/engine/builtin/sqlite.js';

let db: SqliteDb;
beforeAll(async () => {
  db = (await loadSqlite()).open();
  registerOsqueryFunctions(db);
});
afterAll(() => db.close());

/** The one value a single-column statement returns, as osqueryi prints it (NULL as null here). */
function value(expr: string): string | null | undefined {
  return db.query(`SELECT ${expr}`).rows[0]?.[0];
}
function error(expr: string): string {
  try {
    db.query(`SELECT ${expr}`);
  } catch (err) {
    expect(err).toBeInstanceOf(SqliteError);
    return (err as Error).message;
  }
  throw new Error(`${expr} did not fail`);
}

describe('string functions', () => {
  it('split: any token character, empty pieces dropped, pieces trimmed, out of range is NULL', () => {
    expect(value("split('192.168.0.1', '.', 1)")).toBe('168');
    expect(value("split('192.168.0.1', '.0', 0)")).toBe('192');
    expect(value("split('a,,b', ',', 1)")).toBe('b');
    expect(value("split(' a , b ', ',', 1)")).toBe('b');
    expect(value("split('a,b', ',', 5)")).toBeNull();
    expect(value("split('a,b', ',', -1)")).toBeNull();
    expect(value("split(NULL, ',', 0)")).toBeNull();
    expect(value('split(1001, 1, 0)')).toBe('00');
    expect(error("split('a', '', 0)")).toBe('Invalid input to split function');
  });

  it('regex_split: pieces between matches of a regular expression', () => {
    expect(value("regex_split('192.168.0.1', '\\.', 1)")).toBe('168');
    expect(value("regex_split('192.168.0.1', '\\.0', 0)")).toBe('192.168');
    expect(value("regex_split('a1b22c', '[0-9]+', 2)")).toBe('c');
    expect(value("regex_split(',a', ',', 0)")).toBe('');
    expect(value("regex_split('a,', ',', 1)")).toBeNull();
    expect(error("regex_split('a', '(', 0)")).toBe('Invalid regex');
  });

  it('regex_match: the whole match or a group of the first match, else NULL', () => {
    expect(value("regex_match('hello world. Goodbye', '(\\w+) \\w+', 0)")).toBe('hello world');
    expect(value("regex_match('hello world. Goodbye', '(\\w+) \\w+', 1)")).toBe('hello');
    expect(value("regex_match('hello', 'x', 0)")).toBeNull();
    expect(value("regex_match('hello', 'h', 3)")).toBeNull();
    expect(error("regex_match('a', '[', 0)")).toBe('Invalid regex');
    expect(error(`regex_match('a', '${'a'.repeat(257)}', 0)`)).toBe('Invalid regex: too big, max size is 256 bytes');
  });

  it('concat and concat_ws skip NULLs (concat_ws keeps a separator before trailing NULLs, as osquery does)', () => {
    expect(value("concat('hello', NULL, ' ', 'world')")).toBe('hello world');
    expect(value("concat('a', 1, 2.5)")).toBe('a12.5');
    expect(value("concat_ws(' ', 'hello', NULL, 'world')")).toBe('hello world');
    expect(value("concat_ws('-', 'a', 'b', NULL)")).toBe('a-b-');
    expect(value("concat_ws('-')")).toBeNull();
  });

  it('inet_aton: IPv4 as an integer; NULL for IPv6 and garbage', () => {
    expect(value("inet_aton('1.0.1.5')")).toBe('16777477');
    expect(value("inet_aton('255.255.255.255')")).toBe('4294967295');
    expect(value("typeof(inet_aton('10.0.0.1'))")).toBe('integer');
    expect(value("inet_aton('::1')")).toBeNull();
    expect(value("inet_aton('1.2.3')")).toBeNull();
    expect(value("inet_aton('01.2.3.4')")).toBeNull();
  });

  it('parent_directory: everything before the last slash; TEXT only', () => {
    expect(value("parent_directory('/usr/bin/ls')")).toBe('/usr/bin');
    expect(value("parent_directory('/etc')")).toBe('');
    expect(value("parent_directory('ls')")).toBeNull();
    expect(error('parent_directory(1)')).toBe('Invalid inputs to parent_directory, TEXT was expected');
  });
});

describe('hashing and encoding functions', () => {
  it('md5, sha1, sha256: lowercase hex of the text', () => {
    expect(value("md5('')")).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(value("sha1('abc')")).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(value("sha256('abc')")).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(value("md5(NULL)")).toBeNull();
    expect(value('md5(123)')).toBe(value("md5('123')"));
  });

  it('to_base64, from_base64, conditional_to_base64', () => {
    expect(value("to_base64('CPU0')")).toBe('Q1BVMA==');
    expect(value("from_base64('Q1BVMA==')")).toBe('CPU0');
    expect(value("from_base64('Q1BVMA')")).toBe('CPU0');
    expect(value("from_base64('not base64!')")).toBe('');
    expect(value("conditional_to_base64('CPU0')")).toBe('CPU0');
    expect(value("conditional_to_base64('CPU0' || char(183))")).toBe('Q1BVMMK3');
    expect(value("to_base64(NULL)")).toBeNull();
  });

  it("community_id_v1: the Community ID spec's examples; NULL on bad input, an error from the strict form", () => {
    expect(value("community_id_v1('66.35.250.204', '128.232.110.120', 80, 34855, 6)")).toBe('1:LQU9qZlK+B5F3KDmev6m5PMibrg=');
    expect(value("community_id_v1('66.35.250.204', '2001:0:3238:DFE1:63::FEFB', 80, 2347, 6)")).toBe('1:rxU6O+b2d9kbSWjRmVDoBbowx6g=');
    expect(value("community_id_v1('66.35.250.204', '2001:0:3238:DFE1:63::FEFB', 80, 2347, 6, 37)")).toBe('1:jmJ2ORP31di4mtsQPIKzyoEb3yo=');
    expect(value("community_id_v1('128.232.110.120', '66.35.250.204', 34855, 80, 6)")).toBe('1:LQU9qZlK+B5F3KDmev6m5PMibrg=');
    expect(value("community_id_v1('nope', '1.2.3.4', 1, 2, 6)")).toBeNull();
    expect(error("community_id_v1_strict('nope', '1.2.3.4', 1, 2, 6)")).toBe('Community ID saddr cannot be parsed as IP');
    expect(error("community_id_v1_strict('1.2.3.4', '1.2.3.5', '1', 2, 6)")).toBe('Community ID ports must be integers');
  });
});

describe('network and version functions', () => {
  it('in_cidr_block: hosts of the block (IPv4 leaves out network and broadcast)', () => {
    expect(value("in_cidr_block('10.0.0.0/26', '10.0.0.24')")).toBe('1');
    expect(value("in_cidr_block('10.0.0.0/26', '10.0.0.64')")).toBe('0');
    expect(value("in_cidr_block('10.0.0.0/24', '10.0.0.0')")).toBe('0');
    expect(value("in_cidr_block('10.0.0.7/32', '10.0.0.7')")).toBe('1');
    expect(value("in_cidr_block('2001:db8::/48', '2001:db8:0:ffff:ffff:ffff:ffff:ffff')")).toBe('1');
    expect(value("in_cidr_block('2001:db8::/48', '2001:db9::1')")).toBe('0');
    expect(error("in_cidr_block('10.0.0.0/33', '10.0.0.1')")).toBe('CIDR for IP address v4 cannot be parsed');
    expect(error("in_cidr_block('10.0.0.0/8', 'x')")).toBe('IP address cannot be parsed');
    expect(error("in_cidr_block(1, '10.0.0.1')")).toBe('CIDR must be a string');
  });

  it("version_compare: osquery's documented examples", () => {
    expect(value("version_compare('1.0', '1.0')")).toBe('0');
    expect(value("version_compare('4:1.1.0', '4:1.1.0-3', 'ARCH')")).toBe('0');
    expect(value("version_compare('50.4.1b', '50.4.1c')")).toBe('-1');
    expect(value("version_compare('1.0.0~rc2^2021', '1.0.0', 'RHEL')")).toBe('-1');
    expect(value("version_compare('1:1.2.13-2', '4.2.1', 'ARCH')")).toBe('1');
    expect(value("version_compare('1.10', '1.9')")).toBe('1');
    expect(value("version_compare('22.07.5-2ubuntu1.3', '22.07.5-2ubuntu1.4', 'DPKG')")).toBe('-1');
    expect(error("version_compare('1', '2', 'NOPE')")).toContain('NOPE');
  });
});

describe('math functions (osquery semantics)', () => {
  it('log is the natural logarithm; log10, sqrt, power, exp, pi', () => {
    expect(Number(value('log(100)'))).toBeCloseTo(Math.log(100), 12);
    expect(value('log10(1000)')).toBe('3.0');
    expect(value('sqrt(16)')).toBe('4.0');
    expect(value('power(2, 10)')).toBe('1024.0');
    expect(Number(value('exp(1)'))).toBeCloseTo(Math.E, 12);
    expect(Number(value('pi()'))).toBeCloseTo(Math.PI, 14);
    expect(value('sqrt(NULL)')).toBeNull();
  });

  it('ceil and floor return integers; integers pass unchanged', () => {
    expect(value('ceil(1.2)')).toBe('2');
    expect(value('floor(-1.2)')).toBe('-2');
    expect(value('floor(9223372036854775807)')).toBe('9223372036854775807');
    expect(value("typeof(ceil(1.5))")).toBe('integer');
  });

  it('trigonometry and angle conversion', () => {
    expect(Number(value('sin(30)'))).toBeCloseTo(-0.988031624092862, 12);
    expect(Number(value('cos(30)'))).toBeCloseTo(0.154251449887584, 12);
    expect(Number(value('tan(30)'))).toBeCloseTo(-6.40533119664628, 12);
    expect(Number(value('cot(30)'))).toBeCloseTo(-0.156119952161659, 12);
    expect(Number(value('asin(.5)'))).toBeCloseTo(0.523598775598299, 12);
    expect(Number(value('acos(.5)'))).toBeCloseTo(1.0471975511966, 12);
    expect(Number(value('atan(.5)'))).toBeCloseTo(0.463647609000806, 12);
    expect(Number(value('radians(60)'))).toBeCloseTo(1.0471975511966, 12);
    expect(Number(value('degrees(1.3)'))).toBeCloseTo(74.484513367007, 10);
  });

  it('domain and range errors fail the statement with the C library message', () => {
    expect(error('sqrt(-1)')).toBe('Numerical argument out of domain');
    expect(error('log(0)')).toBe('Numerical result out of range');
    expect(error('acos(2)')).toBe('Numerical argument out of domain');
    expect(error('power(10, 400)')).toBe('Numerical result out of range');
  });

  it("keeps SQLite's own math functions that osquery does not replace", () => {
    expect(value('pow(2, 3)')).toBe('8.0');
    expect(Number(value('ln(2)'))).toBeCloseTo(Math.LN2, 14);
    expect(value('log(2, 8)')).toBe('3.0');
  });

  it('has no carve() and no sleep()', () => {
    expect(error('sleep(1)')).toBe('no such function: sleep');
    expect(error("carve('/etc/passwd')")).toBe('no such function: carve');
  });
});
