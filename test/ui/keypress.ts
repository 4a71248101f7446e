import type { Key } from 'ink';

/** An Ink key record with the given fields set (the rest false), for key handling tests without rendering. */
export function key(overrides: Partial<Key> = {}): Key {
  return {
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false, ...overrides,
  };
}

export const K = {
  up: key({ upArrow: true }),
  down: key({ downArrow: true }),
  left: key({ leftArrow: true }),
  right: key({ rightArrow: true }),
  enter: key({ return: true }),
  esc: key({ escape: true, meta: true }),
  tab: key({ tab: true }),
  end: key({ end: true }),
  home: key({ home: true }),
  pageDown: key({ pageDown: true }),
  backspace: key({ delete: true }),
  none: key(),
} as const;
