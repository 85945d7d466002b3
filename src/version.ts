/** djship's version: the one place it is written (a test keeps it equal to package.json). */
export const VERSION = "0.1.0";

export const TOOL = { name: "djship", version: VERSION } as const;
