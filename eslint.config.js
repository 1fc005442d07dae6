import js from "@eslint/js";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

/** The server's layers, lowest first: each may import only from those below it. */
const server = (dir) => `./apps/server/src/${dir}`;
const INFRASTRUCTURE = ["lib", "db", "events", "files", "config.ts", "logger.ts"].map(server);
const CORE = [server("core")];
const CAPABILITIES = ["modules", "channels", "realtime", "plugins"].map(server);
const ENTRY = ["server", "cli", "app.ts"].map(server);

export default defineConfig(
  { ignores: ["**/node_modules/**", "**/dist/**", "data/**", "scratch/**", "bench/out/**", "apps/server/src/db/migrations/**"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "no-console": "error",
      // Fastify plugins are async by convention even when registration itself awaits nothing.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read settings through config.ts." },
      ],
    },
  },
  {
    files: ["apps/widget/src/**", "apps/web/src/**"],
    languageOptions: { globals: globals.browser },
  },
  {
    // TanStack Query drops `mutate`'s own callbacks when the component that called it has gone (the
    // change moved it off screen, the agent went elsewhere): a draft kept after sending, a navigation
    // or an error never shown. What must follow a change follows `mutateAsync`, or lives in the hook.
    files: ["apps/web/src/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read settings through config.ts." },
        {
          selector: "CallExpression[callee.property.name='mutate'][arguments.length>1]",
          message: "Callbacks given to mutate() are dropped if the component unmounts: use `void m.mutateAsync(vars).then(onSuccess, onError)`.",
        },
      ],
    },
  },
  {
    files: ["packages/shared/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "@atende/server*", "@atende/web*", "@atende/widget*"] }],
    },
  },
  {
    // The server serves the web app's and the widget's built files (server/built-assets.ts); `npm run build` makes them.
    files: ["apps/server/**"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@atende/web*", "@atende/widget*"] }] },
  },
  {
    // One-way layers and no import cycles in the server: infrastructure ← core ← capabilities ← entry points.
    files: ["apps/server/src/**/*.ts"],
    ignores: ["**/*.test.ts", "apps/server/src/test/**"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": importX.flatConfigs.typescript.settings["import-x/extensions"],
      "import-x/parsers": importX.flatConfigs.typescript.settings["import-x/parsers"],
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "apps/server/tsconfig.json" })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: INFRASTRUCTURE, from: [...CORE, ...CAPABILITIES, ...ENTRY], message: "Infrastructure knows nothing of the core, the capabilities or the entry points." },
            { target: CORE, from: [...CAPABILITIES, ...ENTRY], message: "The core knows no capability: modules register themselves with it." },
            { target: CAPABILITIES, from: ENTRY, message: "Capabilities do not reach into the entry points (server/, cli/, app.ts)." },
          ],
        },
      ],
    },
  },
  {
    // Settings are config.ts's; these read the environment for other reasons (the CLI's, tests', benchmarks', the web build's NODE_ENV).
    files: ["apps/server/src/config.ts", "apps/server/src/cli/main.ts", "apps/server/src/test/**", "**/*.test.ts", "vitest.config.ts", "vitest.setup.ts", "bench/**", "apps/web/build.js"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.test.ts"],
    rules: { "@typescript-eslint/no-floating-promises": "off" },
  },
);
