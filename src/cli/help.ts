/** The "Examples:" block every command's `--help` ends with: a command and what it does. */
export function examples(rows: readonly (readonly [command: string, what: string])[]): string {
  const width = Math.max(...rows.map(([command]) => command.length));
  const lines = rows.map(([command, what]) => `  $ ${command.padEnd(width)}  # ${what}`);
  return `\nExamples:\n${lines.join("\n")}`;
}
