/**
 * Continuity presets of the generator and the behaviour knobs derived from one number, the
 * staffing *scatter* (0 = every client is served by a small fixed team, 1 = visits are handed to
 * whoever is free, many substitutes, staff move between shifts).
 */

/**
 * The continuity presets. Each is a scatter value calibrated so that the official 14-day figure
 * (mean number of different staff met by clients with ≥ 2 counted visits every day) lands near:
 * `ange2013` ≈ 21 (Ånge, autumn 2013), `typical` ≈ 14 (the national level), `good` ≈ 8–10.
 *
 * @example
 * PROFILE_SCATTER.typical; // → the scatter used by profile 'typical'
 */
export const PROFILE_SCATTER = {
  good: 0.15,
  typical: 0.46,
  ange2013: 0.72,
} as const satisfies Record<string, number>;

/**
 * Name of a continuity preset.
 *
 * @example
 * const p: GenerateProfile = 'ange2013';
 */
export type GenerateProfile = keyof typeof PROFILE_SCATTER;

/**
 * Behaviour knobs of the simulated home-care organisation, all derived from the scatter.
 *
 * @example
 * const k: ScatterKnobs = knobsFor(0.5);
 */
export interface ScatterKnobs {
  /** Regular staff per sub-team (the staff a client's visits on one shift are meant to go to). */
  teamSize: number;
  /** Probability that an ordinary visit is first offered to the client's own sub-team. */
  loyalty: number;
  /** Probability that an ordinary visit is first offered to the client's contact person. */
  contactPreference: number;
  /** Per working day, probability that a regular staff member starts an absence (1–5 days). */
  absenceStart: number;
  /** Regular staffing relative to the expected need (below 1 leaves more shifts to substitutes). */
  fill: number;
  /** Probability that a regular works the other shift (day ↔ evening) on a given day. */
  rotation: number;
  /** Substitutes (vikarier) in each group's own pool. */
  groupSubstitutes: number;
  /** Probability that a substitute comes from the municipality-wide staffing pool instead. */
  sharedPoolUse: number;
  /** Skew of substitute choice: high = the same few regular substitutes come back. */
  substituteSkew: number;
}

/**
 * Derives the behaviour knobs for a scatter in [0, 1] (monotone: more scatter ⇒ more staff met).
 *
 * @example
 * knobsFor(0).teamSize; // → 3
 * knobsFor(1).teamSize; // → 10
 */
export function knobsFor(scatter: number): ScatterKnobs {
  // The knobs act on a curved scale so that equal steps of scatter give roughly equal steps in the
  // number of staff met (the organisation's response to small amounts of scatter is weak).
  const s = Math.pow(Math.min(1, Math.max(0, scatter)), 1.85);
  return {
    teamSize: 2.5 + 5.5 * s,
    loyalty: 1 - 0.75 * Math.pow(s, 1.5),
    contactPreference: 0.9 - 0.6 * s,
    absenceStart: 0.008 + 0.04 * s,
    fill: 1.05 - 0.3 * s,
    rotation: 0.01 + 0.3 * s,
    groupSubstitutes: 2 + Math.round(12 * s),
    sharedPoolUse: 0.7 * s,
    substituteSkew: 1 + 4 * (1 - s),
  };
}
