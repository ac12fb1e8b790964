import type { ErrorCode } from '../core/errors.ts';

/** Exit codes of the `atelier` command, one per domain error code (sysexits-like where one fits). */
export const EXIT_CODES: Record<ErrorCode, number> = {
  validation_failed: 65, // EX_DATAERR
  invalid_input: 64, // EX_USAGE
  unauthenticated: 77, // EX_NOPERM
  forbidden: 77,
  not_found: 66, // EX_NOINPUT
  conflict: 75, // EX_TEMPFAIL
  lease_lost: 75,
  onboarding_required: 75,
  rate_limited: 75,
  payload_too_large: 65,
  data_dir_locked: 73, // EX_CANTCREAT
  unavailable: 69, // EX_UNAVAILABLE
  internal: 70, // EX_SOFTWARE
};
