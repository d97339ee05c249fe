export { isProcessAlive } from "./process-alive.js";
export { renameWithRetry, type RenameOptions } from "./rename-with-retry.js";
export { writeFileAtomic, writeFileExclusive } from "./write-file-atomic.js";
export { resolveTool, type ResolveOptions } from "./resolve-tool.js";
export { getEnv, mergeEnv } from "./env.js";
export { formatRows, wrapText } from "./wrap-text.js";
