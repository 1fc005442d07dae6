#!/usr/bin/env node
// Runs a TypeScript script of the project (benchmarks, tools) with tsx's loader: `run-ts.js file.ts [args]`.
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { register } from "tsx/esm/api";

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  process.stderr.write("usage: run-ts.js <script.ts> [args]\n");
  process.exit(2);
}
process.argv = [process.argv[0] ?? "node", script, ...rest];
register();
await import(pathToFileURL(resolve(script)).href);
