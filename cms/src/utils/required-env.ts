/** A secret that must be set: fail at boot with the fix, not later with a cryptic error. */
export function requiredEnv(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not set: run \`npm run setup\` at the repo root to generate .env.`);
  return value;
}
