import type { Command } from 'commander';

/** What a command module gets: the program to add itself to, and how to set the exit code. */
interface CommandContext {
  readonly program: Command;
  readonly setExit: (code: number) => void;
}

/** One CLI command per module; src/commands/index.ts lists them. */
export type RegisterCommand = (ctx: CommandContext) => void;

/** Exit codes: 0 nothing gated fails, 1 a gated finding fails or is unknown, 2 usage/config/runtime error. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;
