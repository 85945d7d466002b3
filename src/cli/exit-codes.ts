/** Exit codes, as documented in the README: the same for every command. */
export const EXIT_OK = 0;
/** Findings at or above the fail-on level (audit, scan). */
export const EXIT_FINDINGS = 1;
/** A usage error, unreadable input, or a bug. */
export const EXIT_ERROR = 2;
