#!/usr/bin/env node
import { processIO, EXIT, type Command } from './io.js';

/** Command table: name -> lazily loaded handler, so `osqueryi` starts without loading the UI. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run.js')).runCommand,
  tui: async () => (await import('./tui.js')).tuiCommand,
  guides: async () => (await import('./guides.js')).guidesCommand,
  verify: async () => (await import('./verify.js')).verifyCommand,
  report: async () => (await import('./report.js')).reportCommand,
  resume: async () => (await import('./resume.js')).resumeCommand,
  osqueryi: async () => (await import('./osqueryi.js')).osqueryiCommand,
};

const USAGE = `usage: osq-triage [ALERT] | run ALERT | guides list|show|lint|import | osqueryi | resume DIR | report DIR | verify DIR`;

export async function main(argv: string[]): Promise<number> {
  const io = processIO();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    // `osq-triage ALERT [flags]`: interactive on a terminal, otherwise the same as `run`.
    const interactive = io.stdout.isTTY === true && io.stdin.isTTY === true && COMMANDS.tui !== undefined;
    const command = await (interactive ? (COMMANDS.tui as () => Promise<Command>) : (COMMANDS.run as () => Promise<Command>))();
    return command(argv, io);
  }
  const command = await load();
  return command(rest, io);
}

// A reader that goes away (`osq-triage guides list | head`) ends the output, not the program with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`osq-triage: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT.internal;
  },
);
