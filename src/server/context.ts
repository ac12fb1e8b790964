import type { Config } from '../config.ts';
import type { FileStore } from '../media/file-store.ts';
import type { Authenticator } from '../services/authenticate.ts';
import type { ClaimBatches } from '../services/claim-together.ts';
import type { SubmitBatches } from '../services/submit-together.ts';
import type { WorkCache } from '../services/work-cache.ts';
import type { Store } from '../store/database.ts';

/** What every route needs, built once per server. */
export interface AppContext {
  config: Config;
  store: Store;
  auth: Authenticator;
  work: WorkCache;
  /** Claims that arrive together go to the database together. */
  claims: ClaimBatches;
  /** Submissions that arrive together are stored together. */
  submissions: SubmitBatches;
  files: FileStore;
}
