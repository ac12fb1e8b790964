#!/usr/bin/env node
// Atelier runs its TypeScript sources through tsx, so there is no build step to forget and
// no compiled copy to drift from the code that the tests exercise.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
