import { readFileSync } from 'node:fs';
import { fromRoot } from './util/paths.js';

export const VERSION: string = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;
