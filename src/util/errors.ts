/** A mistake in how djship was called: bad flag, unknown rule code, missing path. Exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Input djship cannot work with at all (the path is not there, the env file is unreadable). Exit code 2. */
export class InputError extends Error {
  override name = "InputError";
}
