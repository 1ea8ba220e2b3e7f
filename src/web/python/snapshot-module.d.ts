/** Written by snapshot-plugin.ts at build time. */
declare module "virtual:pyprep-python-snapshot" {
  /** Where the Python memory snapshot of this build is served; null without one (dev). */
  export const snapshotUrl: string | null;
  export const snapshotKey: string | null;
}
