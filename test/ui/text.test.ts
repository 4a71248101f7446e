import { describe, expect, test } from 'vitest';
import { sanitize, sanitizeHead } from '../../src/ui/sanitize.js';
import stringWidth from 'string-width';
import { cellWidth, fit, NARROW, truncate, wrap } from '../../src/ui/text-width.js';

const ESC = '\u001b';

describe('sanitize', () => {
  test('cuts whole escape sequences: CSI colours, cursor moves, OSC titles and links, DCS, 8-bit CSI', () => {
    expect(sanitize(`a${ESC}[31mred${ESC}[0m`)).toBe('a␛red␛');
    expect(sanitize(`x${ESC}[2J${ESC}[H`)).toBe('x␛␛');
    expect(sanitize(`${ESC}]0;pwned\u0007title`)).toBe('␛title');
    expect(sanitize(`${ESC}]8;;http://evil${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe('␛link␛');
    expect(sanitize(`${ESC}P+q544e${ESC}\\z`)).toBe('␛z');
    expect(sanitize('a\u009b31mb')).toBe('a␛b');
    // An unterminated OSC swallows to the end rather than leaking its payload as a command.
    expect(sanitize(`ok${ESC}]52;c;ZXZpbA==`)).toBe('ok␛');
  });

  test('other control characters become visible control pictures; DEL and C1 too', () => {
    expect(sanitize('a\u0000b\u0007c\u0008d')).toBe('a␀b␇c␈d');
    expect(sanitize('x\u007fy')).toBe('x␡y');
    expect(sanitize('x\u0085y')).toBe('x\ufffdy');
  });

  test('line breaks: ↵ on one line, kept when multiline; CR dropped into the break; tabs become spaces', () => {
    expect(sanitize('a\nb\r\nc\rd')).toBe('a↵b↵c↵d');
    expect(sanitize('a\nb\r\nc', { multiline: true })).toBe('a\nb\nc');
    expect(sanitize('a\u2028b')).toBe('a↵b');
    expect(sanitize('a\tb')).toBe('a b');
  });

  test('drops characters that reorder or hide text; repairs lone surrogates', () => {
    expect(sanitize('evil\u202egnp.exe')).toBe('evilgnp.exe');
    expect(sanitize('a\u200bb\u2066c\u2069\ufeff')).toBe('abc');
    expect(sanitize('x\ud800y')).toBe('x\ufffdy');
    expect(sanitize('emoji 🦊 stays')).toBe('emoji 🦊 stays');
  });

  test('ordinary text, CJK included, passes unchanged', () => {
    expect(sanitize('动态链接器复制 /usr/lib/ld-linux.so')).toBe('动态链接器复制 /usr/lib/ld-linux.so');
  });

  test('sanitizeHead cuts long values before cleaning and says so', () => {
    const long = 'x'.repeat(10_000);
    expect(sanitizeHead(long, 20)).toEqual({ text: 'x'.repeat(20), cut: true });
    expect(sanitizeHead(`${ESC}[1m`, 20)).toEqual({ text: '␛', cut: false });
  });
});

describe('cell widths', () => {
  test('every character of the fast path is one cell wide for string-width too', () => {
    const wrong: string[] = [];
    for (let cp = 0x20; cp <= 0x2fff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (NARROW.test(ch) && stringWidth(ch) !== 1) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  test('CJK counts two cells; truncation never splits a wide character and ends in an ellipsis', () => {
    expect(cellWidth('管理员')).toBe(6);
    expect(truncate('管理员账户', 6)).toBe('管理…');
    expect(cellWidth(truncate('管理员账户', 6))).toBe(5);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  test('fit pads to exactly the width, left or right aligned', () => {
    expect(fit('管理', 6)).toBe('管理  ');
    expect(cellWidth(fit('管理员账户', 7))).toBe(7);
    expect(fit('7', 3, 'right')).toBe('  7');
  });

  test('wrap breaks at spaces, hard-breaks long words and CJK, keeps paragraphs', () => {
    expect(wrap('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    for (const line of wrap('检查进程写入的文件以及它的父进程', 7)) expect(cellWidth(line)).toBeLessThanOrEqual(7);
    expect(wrap('a\n\nb', 5)).toEqual(['a', '', 'b']);
  });
});
