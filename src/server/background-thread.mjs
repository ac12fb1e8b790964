// The entry of the background thread: a worker thread does not inherit the tsx loader that
// bin/atelier.js registers on the main thread, so it registers its own before loading the sources.
import { register } from 'tsx/esm/api';

register();
await import('./background-thread.ts');
