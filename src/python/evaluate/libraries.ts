/**
 * The settings libraries djship models, handed to every interpreter. Adding one is its own module
 * exporting a {@link NativeLibrary}, plus its line here.
 */
import { configurationsLibrary } from "./configurations.js";
import { dbUrlLibrary } from "./dburl.js";
import { decoupleLibrary } from "./decouple.js";
import { djangoLibrary } from "./django-modules.js";
import { dotenvLibrary } from "./dotenv.js";
import { environLibrary } from "./environ.js";
import { LibraryRegistry, type NativeLibrary } from "./library.js";
import { splitSettingsLibrary } from "./split-settings.js";
import { standardLibrary } from "./stdlib.js";

export const SETTINGS_LIBRARIES: readonly NativeLibrary[] = [
  standardLibrary,
  djangoLibrary,
  environLibrary,
  decoupleLibrary,
  dbUrlLibrary,
  splitSettingsLibrary,
  dotenvLibrary,
  configurationsLibrary,
];

/** The registry of {@link SETTINGS_LIBRARIES}, shared: libraries hold no state of their own. */
export const DEFAULT_LIBRARIES = new LibraryRegistry(SETTINGS_LIBRARIES);
