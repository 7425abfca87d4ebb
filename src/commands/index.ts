import { registerCheck } from './check.js';
import { registerCollect } from './collect.js';
import { registerExplore } from './explore.js';
import { registerPolicies } from './policies.js';
import type { RegisterCommand } from './types.js';

/** Every CLI command, in help order. A new command is a new module plus one line here. */
export const commands: readonly RegisterCommand[] = [registerCheck, registerCollect, registerPolicies, registerExplore];
