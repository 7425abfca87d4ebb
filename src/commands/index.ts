import { registerCheck } from './check.js';
import { registerCollect } from './collect.js';
import { registerConfig } from './config.js';
import { registerControls } from './controls.js';
import { registerDiff } from './diff.js';
import { registerEvaluate } from './evaluate.js';
import { registerExplore } from './explore.js';
import { registerFacts } from './facts.js';
import { registerInit } from './init.js';
import { registerPolicies } from './policies.js';
import type { RegisterCommand } from './types.js';
import { registerVerify } from './verify.js';

/** Every CLI command, in help order. A new command is a new module plus one line here. */
export const commands: readonly RegisterCommand[] = [
  registerInit,
  registerCheck,
  registerCollect,
  registerControls,
  registerPolicies,
  registerExplore,
  registerVerify,
  registerEvaluate,
  registerDiff,
  registerConfig,
  registerFacts,
];
