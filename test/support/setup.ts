/** Runs around every test file (vitest setupFiles). */
import { afterAll } from "vitest";
import { removeTempDirs } from "./temp.js";

// Registered first, so it runs after the file's own afterAll hooks (which may stop processes
// still using these folders).
afterAll(removeTempDirs);
