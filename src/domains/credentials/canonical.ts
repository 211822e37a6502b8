/** The canonical shape of a credential, after a kind's `normalize`. */

/** A credential as the hub holds it, whatever the issuer called its fields. */
export interface CanonicalCredential {
  externalId: string;
  learnerEmail: string;
  title: string;
  issuedAt: Date;
  completionDate: Date | null;
  maxHours: number | null;
  pdfUrl: string | null;
  /** The record's cursorField value, for the checkpoint. */
  cursor: string | null;
}
