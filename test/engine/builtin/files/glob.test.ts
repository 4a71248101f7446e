import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fromText, toText } from '../../../../src/engine/builtin/tables/files/bytes.js';
import { compile, expandBraces, glob, matchName } from '../../../../src/engine/builtin/tables/files/glob.js';
import { Tree } from '../../../../src/engine/builtin/tables/files/tree.js';
import { imageContext, liveContext, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-glob-');
afterAll(cleanup);

const match = (pattern: string, name: string): boolean => matchName(compile(fromText(pattern)), fromText(name));

describe('name matching (fnmatch with FNM_PERIOD, C locale)', () => {
  it('handles *, ?, sets, ranges, classes, negation and escapes', () => {
    expect(match('*.sh', 'run.sh')).toBe(true);
    expect(match('*.sh', '.sh')).toBe(false);
    expect(match('.*', '.bashrc')).toBe(true);
    expect(match('?x', '.x')).toBe(false);
    expect(match('[.]x', '.x')).toBe(false);
    expect(match('a?c', 'abc')).toBe(true);
    expect(match('a_c', 'abc')).toBe(false);
    expect(match('[a-c]1', 'b1')).toBe(true);
    expect(match('[!a-c]1', 'b1')).toBe(false);
    expect(match('[^a-c]1', 'd1')).toBe(true);
    expect(match('[]]', ']')).toBe(true);
    expect(match('[[:digit:]]x', '7x')).toBe(true);
    expect(match('\\*', '*')).toBe(true);
    expect(match('\\*', 'a')).toBe(false);
    expect(match('[ab', '[ab')).toBe(true);
    expect(match('x*y*z', 'xAAyBBz')).toBe(true);
  });

  it('stays fast on patterns that make backtracking matchers explode', () => {
    // A backtracking regex would not finish this before the test times out.
    expect(match(`${'*a'.repeat(30)}b`, 'a'.repeat(250))).toBe(false);
  });

  it('expands braces, nested, leaving an unclosed one literal', () => {
    expect(expandBraces('/x/{a,b{1,2}}/y')).toEqual(['/x/a/y', '/x/b1/y', '/x/b2/y']);
    expect(expandBraces('/x/{a')).toEqual(['/x/{a']);
    expect(expandBraces('/{a,b}{c,d}{e,f}'.repeat(6)).length).toBe(1024);
  });
});

/** A tiny C program calling glibc glob(3) with osquery's flags: the reference our glob must agree with. */
function glibcGlob(): ((pattern: Buffer) => string[]) | null {
  const src = `${dir}/g.c`;
  const bin = `${dir}/g`;
  writeFileSync(
    src,
    '#include <glob.h>\n#include <stdio.h>\nint main(int c,char**v){glob_t g;if(glob(v[1],GLOB_TILDE|GLOB_MARK|GLOB_BRACE,0,&g))return 0;' +
      'for(size_t i=0;i<g.gl_pathc;i++){fputs(g.gl_pathv[i],stdout);putchar(0);}return 0;}\n',
  );
  try {
    execFileSync('cc', ['-o', bin, src], { stdio: 'ignore' });
  } catch {
    return null;
  }
  // argv must carry raw bytes: the shell's printf %b turns octal escapes back into them.
  const octal = (b: Buffer): string => [...b].map((x) => `\\0${x.toString(8).padStart(3, '0')}`).join('');
  return (pattern) =>
    execFileSync('sh', ['-c', 'exec "$0" "$(printf %b "$PATTERN_OCTAL")"', bin], {
      env: { ...process.env, PATTERN_OCTAL: octal(pattern) },
    })
      .toString('latin1')
      .split('\0')
      .filter((p) => p !== '');
}

describe('glob against glibc glob(3)', () => {
  const reference = glibcGlob();
  const t = `${dir}/t`;
  mkdirSync(`${t}/a/deep`, { recursive: true });
  mkdirSync(`${t}/b`);
  mkdirSync(`${t}/.hidden`);
  for (const f of ['x', '.y', 'a/.z', 'a/q', 'a/deep/r', 'b/s.sh', 'a_c', 'abc', 'with space', "quo'te", 'new\nline']) {
    writeFileSync(`${t}/${f}`, '');
  }
  writeFileSync(Buffer.from(`${t}/bad-\xff\xfe`, 'latin1'), '');
  symlinkSync('a', `${t}/la`);
  symlinkSync('nope', `${t}/dangling`);
  const patterns = [
    '/*', '/*/', '/.*', '/a*', '/*/*', '/*/.*', '/a/*/*', '/[ab]', '/[!a]*', '/?', '/a_c', '/a?c', '/{a,b}/*',
    '/{x,nope,la}', '/la/', '/la/*', '/dangling', '/*.sh', '/*/*.sh', '/bad-*', '/new*', '/*space', "/quo'*",
    '/nothing*', '/a/deep', '/\\x', '/.hid*/', '/**', '/a/**',
  ];

  it.skipIf(reference === null)('finds the same paths as glibc for every pattern', async () => {
    const tree = new Tree(liveContext());
    let total = 0;
    for (const p of patterns) {
      const pattern = fromText(t) + p;
      const ours = (await glob(tree, pattern)).sort();
      const theirs = (reference as (b: Buffer) => string[])(Buffer.from(pattern, 'latin1')).sort();
      expect({ p, paths: ours.map(toText) }).toEqual({ p, paths: theirs.map(toText) });
      total += theirs.length;
    }
    expect(total).toBeGreaterThan(40);
  });

  it('reads an image the same way, with paths inside the image', async () => {
    const tree = new Tree(imageContext(t));
    expect((await glob(tree, '/{a,la}/*')).sort()).toEqual(['/a/deep/', '/a/q', '/la/deep/', '/la/q']);
    expect(await glob(tree, '/bad-*')).toEqual(['/bad-\xff\xfe']);
  });
});
