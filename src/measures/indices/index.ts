/**
 * Continuity-of-care indices (UPC, COC, SECON, HHI, MMCI) and the contact-person share, per client.
 * @module
 */
export { continuityIndices } from './continuityIndices.js';
export type { ContinuityIndices } from './continuityIndices.js';
export { contactPersonShare } from './contactPersonShare.js';
export type { ContactShare } from './contactPersonShare.js';
