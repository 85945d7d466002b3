// The finding vocabulary lives in findings/; rules keep importing it from here.
export { AREAS, type Area, areaOfPrefix, SEVERITY_RANK, type Severity } from "../findings/vocabulary.js";
